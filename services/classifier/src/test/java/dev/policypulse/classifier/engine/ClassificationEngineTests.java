package dev.policypulse.classifier.engine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.policypulse.contracts.Evidence;
import dev.policypulse.contracts.JurisdictionTag;
import dev.policypulse.contracts.Role;
import dev.policypulse.contracts.Severity;
import dev.policypulse.contracts.TopicCodes;
import dev.policypulse.contracts.TopicTag;

import static dev.policypulse.classifier.engine.Verdicts.codes;
import static dev.policypulse.classifier.engine.Verdicts.role;
import static dev.policypulse.classifier.engine.Verdicts.topicCodes;
import static org.assertj.core.api.Assertions.assertThat;

class ClassificationEngineTests {

	private static final ClassificationEngine ENGINE = ClassificationEngine.create();

	private static final String PARTNERSHIP_TITLE = "Pakistan and El Salvador sign up to a crypto and blockchain partnership";

	private static final String PARTNERSHIP_BODY = "In July 2025 the two countries started working together on "
			+ "crypto and blockchain. The head of Pakistan's Crypto Council, who advises the prime minister, "
			+ "was received by President Nayib Bukele in San Salvador. Pakistan formed the Crypto Council "
			+ "earlier in the year to write its crypto regulation, at a time when it relies on a $7 billion "
			+ "IMF loan programme. El Salvador gave bitcoin legal tender status in 2021 and holds roughly "
			+ "6,238 BTC.";

	@Test
	void classifiesBilateralPartnershipWithActorAndCounterparty() {
		Classification result = ENGINE.classify(PARTNERSHIP_TITLE, PARTNERSHIP_BODY);

		assertThat(result.primaryJurisdiction()).isEqualTo("PK");
		assertThat(role(result, "PK")).isEqualTo(Role.ACTOR);
		assertThat(role(result, "SV")).isEqualTo(Role.COUNTERPARTY);
		assertThat(topicCodes(result)).contains("international_cooperation", "regulator_formation");
		assertThat(result.policyMove()).isTrue();
		assertThat(result.severity()).isNotEqualTo(Severity.LOW);
	}

	@Test
	void priceStoryIsNotPolicyMove() {
		Classification result = ENGINE.classify("Bitcoin climbs above $100,000 as traders cheer ETF inflows",
				"Spot bitcoin funds drew fresh money for a fifth day and the price set a record.");

		assertThat(result.policyMove()).isFalse();
		assertThat(result.primaryJurisdiction()).isNull();
		assertThat(result.topics()).isEmpty();
		assertThat(result.severity()).isEqualTo(Severity.LOW);
	}

	@Test
	void evidencePointsAtTheMatchedText() {
		String title = "Nigeria's SEC fines an unlicensed exchange";
		String body = "The Securities and Exchange Commission said the platform operated in Lagos without a licence.";
		Classification result = ENGINE.classify(title, body);

		for (JurisdictionTag tag : result.jurisdictions()) {
			for (Evidence evidence : tag.evidence()) {
				String field = "title".equals(evidence.field()) ? title : body;
				assertThat(field.substring(evidence.start(), evidence.end())).isEqualTo(evidence.text());
			}
		}
		for (TopicTag topic : result.topics()) {
			assertThat(TopicCodes.isKnown(topic.code())).isTrue();
			assertThat(topic.evidence()).isNotEmpty();
		}
	}

	@ParameterizedTest(name = "{0} -> {1}")
	@CsvSource(delimiter = '|', textBlock = """
			Pakistan drafts crypto rules                      | PK
			U.S. lawmakers advance a stablecoin bill          | US
			USA passes crypto bill                            | US
			UK Treasury publishes crypto rules                | GB
			Britain publishes crypto rules                    | GB
			South Korea tightens exchange rules               | KR
			Vietnam legalises crypto                          | VN
			Viet Nam legalises crypto                         | VN
			Türkiye passes crypto law                         | TR
			Turkey passes crypto law                          | TR
			Côte d'Ivoire drafts a crypto law                 | CI
			Ivory Coast drafts a crypto law                   | CI
			Alemania aprueba una ley cripto                   | DE
			Le Maroc prépare une loi sur les cryptos          | MA
			Brasil aprova lei de criptoativos                 | BR
			CENTRAL AFRICAN REPUBLIC DROPS BITCOIN            | CF
			Bosnia and Herzegovina drafts crypto rules        | BA
			""")
	void recognisesCountryNames(String title, String code) {
		assertThat(codes(ENGINE.classify(title, ""))).contains(code);
	}

	@ParameterizedTest(name = "{0} -> {1}")
	@CsvSource(delimiter = '|', textBlock = """
			Pakistani officials discuss crypto rules          | PK
			Salvadoran lawmakers amend the bitcoin law        | SV
			Emirati regulators publish token rules            | AE
			Swiss regulator updates guidance                  | CH
			Nigerian authorities detain exchange staff        | NG
			Kenyan lawmakers debate a crypto bill             | KE
			Filipino officials warn on exchanges              | PH
			""")
	void recognisesDemonyms(String title, String code) {
		assertThat(codes(ENGINE.classify(title, ""))).contains(code);
	}

	@ParameterizedTest(name = "{0} -> {1}")
	@CsvSource(delimiter = '|', textBlock = """
			SEC sues a crypto exchange                        | US
			CFTC charges a trading firm                       | US
			FCA refuses a crypto licence                      | GB
			BaFin grants a custody licence                    | DE
			MAS licenses a payment token issuer               | SG
			HKMA opens stablecoin licensing                   | HK
			VARA fines a broker                               | AE-DU
			SBP warns banks about crypto                      | PK
			RBI reiterates concerns on crypto                 | IN
			PBoC repeats its crypto ban                       | CN
			CBN lifts crypto restrictions for banks           | NG
			FSCA licenses crypto platforms                    | ZA
			OJK takes over crypto supervision                 | ID
			Lok Sabha debates a crypto tax                    | IN
			Bundestag debates crypto rules                    | DE
			State Duma passes mining bill                     | RU
			ESMA publishes MiCA guidance                      | EU
			Bukele buys more bitcoin                          | SV
			Islamabad sets up a crypto council                | PK
			Beijing repeats its ban on crypto trading         | CN
			Dubai regulator fines exchanges                   | AE-DU
			New Hampshire passes a bitcoin reserve law        | US-NH
			Texas governor signs a reserve bill               | US-TX
			Inner Mongolia shuts down mining farms            | CN-NM
			Nigeria's SEC fines an exchange                   | NG
			""")
	void recognisesInstitutionsCapitalsAndPeople(String title, String code) {
		assertThat(codes(ENGINE.classify(title, ""))).contains(code);
	}

	@ParameterizedTest(name = "{0} -> {1}")
	@CsvSource(delimiter = '|', textBlock = """
			Dubai regulator fines exchanges                   | AE
			New Hampshire passes a bitcoin reserve law        | US
			Inner Mongolia shuts down mining farms            | CN
			""")
	void subdivisionImpliesItsCountry(String title, String country) {
		assertThat(codes(ENGINE.classify(title, ""))).contains(country);
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			Bank of America raises its bitcoin forecast       | US
			Nigeria's SEC fines an exchange                   | US
			Hong Kong-based exchange lists a new token        | CN
			Chad Steelberg invests in a crypto startup        | TD
			Traders roast a turkey at a crypto meetup         | TR
			""")
	void doesNotTagOrganisationNamesOrWords(String title, String code) {
		assertThat(codes(ENGINE.classify(title, ""))).doesNotContain(code);
	}

	@ParameterizedTest(name = "{0} -> {1}")
	@CsvSource(delimiter = '|', textBlock = """
			Georgia passes a crypto law in Tbilisi                       | GE
			U.S. state of Georgia considers a bitcoin reserve            | US-GA
			""")
	void resolvesGeorgiaFromContext(String title, String code) {
		assertThat(codes(ENGINE.classify(title, ""))).contains(code);
	}

	@Test
	void ignoresDateline() {
		Classification result = ENGINE.classify("Kenya drafts a crypto bill",
				"LONDON, March 3 (Reuters) - Kenya's treasury published a draft law on virtual asset providers.");
		assertThat(codes(result)).containsExactly("KE");
	}

	@ParameterizedTest(name = "{0} -> {1}")
	@CsvSource(delimiter = '|', textBlock = """
			Brazil's central bank sets rules for crypto firms             | Rules require licensing of providers. | BR
			Thailand's SEC fines crypto exchange over violations          | The exchange was fined. | TH
			Japan's Financial Services Agency proposes crypto tax change  | A flat tax of 20% is planned. | JP
			India's RBI warns on crypto as Pakistan drafts its own law    | The RBI repeated its position. | IN
			""")
	void findsTheActingJurisdiction(String title, String body, String primary) {
		Classification result = ENGINE.classify(title, body);
		assertThat(result.policyMove()).isTrue();
		assertThat(result.primaryJurisdiction()).isEqualTo(primary);
		assertThat(role(result, primary)).isEqualTo(Role.ACTOR);
	}

	@Test
	void othersAreMentionedWithoutCooperation() {
		Classification result = ENGINE.classify("India's RBI warns on crypto as Pakistan drafts its own law", "");
		assertThat(role(result, "PK")).isEqualTo(Role.MENTIONED);
	}

	@Test
	void internationalOrganisationActsWithoutPrimaryJurisdiction() {
		Classification result = ENGINE.classify("IMF board backs a framework for crypto policy",
				"The fund's executive board asked member countries to adopt rules for crypto and to avoid "
						+ "giving it legal tender status.");
		assertThat(result.policyMove()).isTrue();
		assertThat(result.primaryJurisdiction()).isNull();
		assertThat(topicCodes(result)).contains("intl_org");
		assertThat(result.jurisdictions()).isEmpty();
	}

	@ParameterizedTest(name = "{0} -> {1}")
	@CsvSource(delimiter = '|', textBlock = """
			Senate passes stablecoin bill                          | stablecoin
			Parliament approves crypto bill                        | legislation
			Regulator grants first exchange licence                | licensing
			Central bank bans crypto payments                      | ban_restriction
			Government makes bitcoin legal tender                  | legal_tender
			Treasury proposes capital gains tax on crypto          | taxation
			Government adds bitcoin to national reserve            | reserve_holdings
			Central bank launches CBDC pilot                       | cbdc
			ECB advances the digital euro                          | cbdc
			Regulator fines exchange for compliance failures       | enforcement
			Police seized crypto worth millions                    | enforcement
			Government restricts bitcoin mining over power shortages | mining_energy
			Ministers sign memorandum of understanding on crypto   | international_cooperation
			Government sets up a crypto council                    | regulator_formation
			Ministry launches task force on digital assets         | regulator_formation
			Central bank prohibits banks from serving crypto firms | ban_restriction
			Regulator bars lenders from crypto trading             | ban_restriction
			Government outlaws crypto payments                     | ban_restriction
			Authorities block access to offshore exchanges         | ban_restriction
			Regulator suspends crypto lending products             | ban_restriction
			Provincial government halts power hookups for miners   | ban_restriction
			Watchdog curbs crypto advertising                      | ban_restriction
			Regulator orders exchanges to stop serving local users | ban_restriction
			Government lifts its ban on crypto mining              | ban_restriction
			Legislature sets a cap on crypto kiosk deposits      | ban_restriction
			Central bank issues a regulation on crypto brokers     | legislation
			Parliament enacts a digital asset law                  | legislation
			Government adopts rules for token issuers              | legislation
			Cabinet creates a new authority for virtual assets     | regulator_formation
			Exchange settles charges with securities regulator     | enforcement
			Regulator requires exchanges to hold a licence         | licensing
			""")
	void detectsTopics(String title, String topic) {
		Classification result = ENGINE.classify(title, "");
		assertThat(topicCodes(result)).contains(topic);
		assertThat(result.policyMove()).isTrue();
	}

	@ParameterizedTest(name = "{0} -> {2}, not {3}")
	@CsvSource(delimiter = '|',
			textBlock = """
					Regulator grants exchange licence                 | The licence was issued under the new law.                  | licensing        | legislation
					Senate passes stablecoin bill                     | Issuers must hold reserves of cash and Treasury bills.     | legislation      | reserve_holdings
					Central bank buys bitcoin for a test portfolio    | The portfolio also holds a dollar-pegged token.             | reserve_holdings | stablecoin
					Council adopts anti-money laundering rules        | The package applies to crypto firms in all member states.  | legislation      | enforcement
					Watchdog bans crypto referral bonuses             | Firms must follow its promotion rules and framework.       | ban_restriction  | legislation
					""")
	void contextWordsAloneAreBackgroundToAnotherMove(String title, String body, String topic, String background) {
		Classification result = ENGINE.classify(title, body);
		assertThat(topicCodes(result)).contains(topic).doesNotContain(background);
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			Bitcoin price slumps below $60,000 as traders sell      | Analysts expect more volatility.
			Hackers drain $50 million from a Japanese exchange      | The stolen ether was moved to mixers.
			Coinbase beats analyst estimates on trading revenue     | Quarterly revenue rose.
			Dogecoin jumps after a celebrity tweet                  | The price rose 30% in an hour.
			Miner plans a large bitcoin mining site in Texas        | The company bought land near a wind farm.
			""")
	void marketSecurityAndCompanyNewsAreNotPolicyMoves(String title, String body) {
		Classification result = ENGINE.classify(title, body);
		assertThat(result.policyMove()).isFalse();
		assertThat(result.primaryJurisdiction()).isNull();
		assertThat(result.jurisdictions()).allSatisfy((tag) -> assertThat(tag.role()).isEqualTo(Role.MENTIONED));
	}

	@Test
	void handlesMissingText() {
		Classification result = ENGINE.classify(null, null);
		assertThat(result.jurisdictions()).isEmpty();
		assertThat(result.policyMove()).isFalse();
	}

	@Test
	void legalTenderChangeIsCritical() {
		Classification result = ENGINE.classify("Central African Republic drops bitcoin as legal tender",
				"Lawmakers voted to repeal the law.");
		assertThat(result.severity()).isEqualTo(Severity.CRITICAL);
	}

}
