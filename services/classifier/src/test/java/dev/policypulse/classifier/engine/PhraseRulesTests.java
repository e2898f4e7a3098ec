package dev.policypulse.classifier.engine;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class PhraseRulesTests {

	private static final PhraseRules RULES = PhraseRules
		.of(List.of(PhraseRules.Rule.of(0, "order", 1, "orders|ordered|tells|told @Name to stop|halt"),
				PhraseRules.Rule.of(1, "prefix", 1, "licen*|regist* regime")));

	@ParameterizedTest(name = "{0} -> {1}")
	@CsvSource(delimiter = '|', textBlock = """
			Regulator orders Paxos to halt minting          | orders Paxos to halt
			Watchdog told Binance and Bybit to stop serving | told Binance and Bybit to stop
			Court ordered Terra Form Labs Ltd to stop       | ordered Terra Form Labs Ltd to stop
			Regulator orders exchanges to stop serving      | -
			Regulator orders and Paxos to halt              | -
			Agency orders A B C D E to halt                 | -
			""")
	void namedPartyIsOneToFourCapitalisedWords(String text, String expected) {
		Map<String, List<PhraseRules.Hit>> hits = RULES.match("title", text, PhraseRules.Words.of(text));
		List<String> matched = hits.getOrDefault("order", List.of()).stream().map(PhraseRules.Hit::text).toList();
		assertThat(matched).isEqualTo(expected.equals("-") ? List.of() : List.of(expected));
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(textBlock = """
			a licensing regime, 1
			the registration regime, 1
			a tax regime, 0
			""")
	void alternativesMayBePrefixes(String text, int count) {
		Map<String, List<PhraseRules.Hit>> hits = RULES.match("body", text, PhraseRules.Words.of(text));
		assertThat(hits.getOrDefault("prefix", List.of())).hasSize(count);
	}

}
