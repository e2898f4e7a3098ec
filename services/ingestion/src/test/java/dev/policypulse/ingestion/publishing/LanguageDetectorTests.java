package dev.policypulse.ingestion.publishing;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class LanguageDetectorTests {

	private final LanguageDetector detector = LanguageDetector.load();

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|',
			textBlock = """
					en | Central bank to publish stablecoin rules | The central bank said on Tuesday that it will publish new rules for stablecoin issuers before the end of the year.
					es | El banco central regulará las monedas estables | El banco central anunció que publicará nuevas normas para los emisores de monedas estables antes de fin de año.
					fr | La banque centrale encadre les jetons | La banque centrale a annoncé qu'elle publiera de nouvelles règles pour les émetteurs de jetons avant la fin de l'année.
					de | Zentralbank kündigt Regeln an | Die Zentralbank hat am Dienstag angekündigt, dass sie noch in diesem Jahr neue Regeln für die Ausgabe von Stablecoins veröffentlichen wird.
					pt | Banco central vai regular moedas estáveis | O banco central anunciou que vai publicar novas regras para os emissores de moedas estáveis até ao fim do ano.
					it | La banca centrale prepara nuove regole | La banca centrale ha annunciato che pubblicherà nuove regole per gli emittenti di stablecoin entro la fine dell'anno.
					nl | Centrale bank komt met regels | De centrale bank heeft dinsdag aangekondigd dat zij voor het einde van het jaar nieuwe regels voor de uitgifte van stablecoins zal publiceren.
					tr | Merkez bankasından yeni kurallar | Merkez bankası, yıl sonundan önce stablecoin ihraççıları için yeni kurallar yayımlayacağını açıkladı ve bu kuralların piyasaya güven getireceğini söyledi.
					id | Bank sentral siapkan aturan baru | Bank sentral mengumumkan bahwa mereka akan menerbitkan aturan baru untuk penerbit stablecoin sebelum akhir tahun ini.
					ru | Центробанк готовит правила | Центральный банк объявил, что до конца года опубликует новые правила для эмитентов стейблкоинов.
					ja | 中央銀行が新規則 | 中央銀行は、年末までにステーブルコインの発行者向けの新しい規則を公表すると発表した。
					zh | 央行将发布新规 | 中央银行宣布将在年底前发布针对稳定币发行人的新规则。
					ko | 중앙은행 새 규칙 발표 | 중앙은행은 연말까지 스테이블코인 발행자를 위한 새로운 규칙을 발표하겠다고 밝혔다.
					ar | البنك المركزي يعلن قواعد جديدة | أعلن البنك المركزي أنه سينشر قواعد جديدة لمصدري العملات المستقرة قبل نهاية العام.
					""")
	void tellsTheLanguageOfAnItem(String language, String title, String body) {
		assertThat(this.detector.detect(title, body)).isEqualTo(language);
	}

	@Test
	void tellsChineseFromTheCharactersEvenAmongLatinAbbreviations() {
		assertThat(this.detector.detect("美国证券交易委员会批准比特币ETF期权交易", "")).isEqualTo("zh");
	}

	@Test
	void tellsEnglishThatQuotesAForeignName() {
		assertThat(this.detector.detect("Tokyo firm 株式会社 wins licence",
				"The agency said that the company will be allowed to issue a yen token from next month."))
			.isEqualTo("en");
	}

	@Test
	void givesNoAnswerWithoutClearEvidence() {
		assertThat(this.detector.detect("Bitcoin ETF", "")).isNull();
		assertThat(this.detector.detect("", "")).isNull();
		assertThat(this.detector.detect("2025-03-01", "1,000,000")).isNull();
	}

	@Test
	void givesNoAnswerForNeighboursThatShareTheScript() {
		// Ukrainian and Persian are written in the scripts of Russian and Arabic, with
		// letters of their own.
		assertThat(
				this.detector.detect("Національний банк України оприлюднив нові правила для криптовалютних бірж", ""))
			.isNull();
		assertThat(this.detector.detect("بانک مرکزی گزارش داد که قوانین جدیدی برای پرداخت با رمزارز تصویب شد", ""))
			.isNull();
	}

}
