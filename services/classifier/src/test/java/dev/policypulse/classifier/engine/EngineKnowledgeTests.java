package dev.policypulse.classifier.engine;

import java.time.LocalDate;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import dev.policypulse.contracts.Role;
import dev.policypulse.contracts.Severity;

import static dev.policypulse.classifier.engine.Verdicts.codes;
import static dev.policypulse.classifier.engine.Verdicts.role;
import static dev.policypulse.classifier.engine.Verdicts.topicCodes;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Table-driven checks of the engine's knowledge: every kind of evidence, the ambiguities
 * it settles on purpose, roles, international organisations, officials' terms, topics and
 * severity. Sentences are written for these tests.
 */
class EngineKnowledgeTests {

	private static final ClassificationEngine ENGINE = ClassificationEngine.create();

	@ParameterizedTest(name = "[{0}] {1} -> {2}")
	@CsvSource(delimiter = '|', textBlock = """
			name             | Kenya passes a virtual asset bill                                 | KE
			name             | Papua New Guinea tests a digital currency                         | PG
			name             | Equatorial Guinea drafts crypto rules                             | GQ
			name             | Guinea-Bissau drafts crypto rules                                 | GW
			variant          | The States tighten crypto tax reporting                           | US
			variant          | U.S. regulators approve stablecoin rules                          | US
			variant          | UK sets out crypto regime                                         | GB
			variant          | Britain sets out crypto regime                                    | GB
			variant          | South Korea tightens exchange rules                               | KR
			foreign name     | Alemania aprueba una ley sobre criptoactivos                      | DE
			foreign name     | L'Allemagne adopte une loi sur les cryptos                        | DE
			foreign name     | Suíça aprova regras para stablecoins                              | CH
			foreign name     | Deutschland verabschiedet Kryptogesetz                            | DE
			demonym          | Emirati regulators publish token rules                            | AE
			demonym          | Salvadoran lawmakers amend the bitcoin law                        | SV
			demonym          | Pakistani officials draft crypto rules                            | PK
			capital          | Islamabad sets up a crypto council                                | PK
			capital          | Beijing repeats its crypto trading ban                            | CN
			capital          | Ankara tightens crypto rules                                      | TR
			regulator        | FINMA publishes stablecoin guidance                               | CH
			regulator        | OJK takes over crypto supervision                                 | ID
			regulator        | FSCA licenses crypto platforms                                    | ZA
			regulator        | VARA fines seven firms                                            | AE-DU
			central bank     | Bank of Korea pauses its CBDC pilot                               | KR
			central bank     | SBP warns banks about crypto                                      | PK
			ministry         | Finance Ministry of Vietnam drafts crypto tax                     | VN
			ministry         | HM Treasury publishes draft crypto order                          | GB
			legislature      | Lok Sabha debates a crypto tax                                    | IN
			legislature      | Bundestag approves crypto supervision act                         | DE
			legislature      | Duma passes crypto mining bill                                    | RU
			legislature      | Verkhovna Rada backs a virtual assets bill                        | UA
			official         | Sitharaman keeps the crypto transfer tax                          | IN
			official         | Nawrocki vetoes crypto market bill                                | PL
			official         | Keir Starmer backs crypto rules                                   | GB
			official         | Bukele buys more bitcoin                                          | SV
			subdivision      | Queensland police seize crypto                                    | AU-QLD
			subdivision      | Bavaria sets up a crypto unit                                     | DE-BY
			subdivision      | Canton of Zug accepts bitcoin for taxes                           | CH-ZG
			subdivision      | Karnataka police arrest crypto scammers                           | IN-KA
			subdivision      | Sichuan orders miners to shut down                                | CN-SC
			subdivision      | Yukon regulator warns on crypto                                   | CA-YT
			subdivision      | Ras Al Khaimah opens a digital asset zone                         | AE-RK
			subdivision      | Mendoza accepts crypto for provincial taxes                       | AR-M
			subdivision      | Minas Gerais studies a state stablecoin                           | BR-MG
			subdivision      | North Brabant court convicts a mixer developer                    | NL-NB
			subdivision      | Carabobo police seize mining rigs                                 | VE-G
			name             | Kosovo bans crypto mining during power shortage                   | XK
			capital          | Pristina bans crypto mining                                       | XK
			""")
	void recognisesEachKindOfEvidence(String kind, String title, String code) {
		assertThat(codes(ENGINE.classify(title, ""))).contains(code);
	}

	@ParameterizedTest(name = "{0} -> {1}")
	@CsvSource(delimiter = '|', textBlock = """
			Queensland police seize crypto                    | AU
			Bavaria sets up a crypto unit                     | DE
			Karnataka police arrest crypto scammers           | IN
			Sichuan orders miners to shut down                | CN
			Sharjah regulator licenses a broker               | AE
			Ontario Securities Commission fines a platform    | CA
			""")
	void subdivisionImpliesCountry(String title, String country) {
		assertThat(codes(ENGINE.classify(title, ""))).contains(country);
	}

	@ParameterizedTest(name = "{0} -> {1}")
	@CsvSource(delimiter = '|', textBlock = """
			Hong Kong licenses another exchange               | HK
			Macau drafts a stablecoin law                     | MO
			Taiwan's FSC requires exchange registration       | TW
			""")
	void specialChineseRegionsAreCountries(String title, String code) {
		Set<String> codes = codes(ENGINE.classify(title, ""));
		assertThat(codes).contains(code).doesNotContain("CN");
	}

	@ParameterizedTest(name = "{0} | {1} -> {2}")
	@CsvSource(delimiter = '|',
			textBlock = """
					Georgia passes a crypto law                          | Parliament in Tbilisi voted 80-10.                 | GE     | US-GA
					Georgia Senate passes a bitcoin mining bill          | Senators in Atlanta voted for the bill.            | US-GA  | GE
					Miner adds sites in Georgia                          | It already runs two facilities in the state.      | US-GA  | GE
					Jersey regulator sets rules for crypto exchanges     | The island's regulator published the rules.        | JE     | US-NJ
					New Jersey lawmakers file a crypto licensing bill    | The bill would require a state licence.            | US-NJ  | JE
					Guinea's central bank bans crypto payments           | Banks in Conakry must refuse the transfers.        | GN     | PG
					Papua New Guinea's central bank pilots a CBDC        | The pilot runs in Port Moresby.                    | PG     | GN
					Colombia's Congress debates a crypto bill            | Congress must vote twice more.                     | CO     | US
					Congress passes a stablecoin bill                    | The House and Senate agreed on the text.           | US     | CO
					Nigeria's SEC licenses two exchanges                 | The Securities and Exchange Commission said so.    | NG     | US
					Philippine SEC blocks offshore exchanges             | The SEC said they lacked registration.             | PH     | US
					SEC sues a crypto exchange                           | The agency filed the case in Manhattan.            | US     | NG
					Quebec's AMF fines a crypto platform                 | The Autorité des marchés financiers said so.       | CA-QC  | FR
					AMF grants a MiCA licence                            | The Paris regulator authorised the firm.           | FR     | CA-QC
					Japan's FSA orders exchange apps removed             | The FSA said the apps were unregistered.           | JP     | DK
					Danish FSA warns about crypto platforms              | The FSA in Copenhagen published a list.            | DK     | JP
					Korea's FSC lets companies trade crypto              | The Financial Services Commission eased the rule.  | KR     | TW
					Taiwan's FSC requires exchange registration          | The Financial Supervisory Commission said so.      | TW     | KR
					Jersey Financial Services Commission licenses a firm | The firm runs a virtual currency exchange.         | JE     | KR
					""")
	void settlesAmbiguousNames(String title, String body, String expected, String notExpected) {
		Set<String> codes = codes(ENGINE.classify(title, body));
		assertThat(codes).contains(expected).doesNotContain(notExpected);
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			Bank of America raises its bitcoin forecast                 | US
			Korea Investment Partners backs a wallet startup            | KR
			Hong Kong Exchanges and Clearing reports record profit      | HK
			Turkish Airlines accepts crypto for tickets                 | TR
			Deutsche Bank launches crypto custody                       | DE
			Standard Chartered says bitcoin could hit $200,000          | GB
			""")
	void countryWordInsideAnOrganisationNameIsNoJurisdiction(String title, String code) {
		assertThat(codes(ENGINE.classify(title, ""))).doesNotContain(code);
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "NEW YORK, March 3 (Reuters) - ", "LONDON - ", "SINGAPORE, May 2 - ",
			"HONG KONG (Bloomberg) - " })
	void datelineIsNotAJurisdiction(String dateline) {
		Classification result = ENGINE.classify("Kenya drafts a crypto bill",
				dateline + "Kenya's treasury published a draft law on virtual asset providers.");
		assertThat(codes(result)).containsExactly("KE");
	}

	@Test
	void countryActingInTheHeadlineIsTheActor() {
		Classification result = ENGINE.classify("Pakistan agrees crypto and blockchain partnership with El Salvador",
				"");
		assertThat(result.policyMove()).isTrue();
		assertThat(result.primaryJurisdiction()).isEqualTo("PK");
		assertThat(role(result, "SV")).isEqualTo(Role.COUNTERPARTY);
		assertThat(topicCodes(result)).first().isEqualTo("international_cooperation");
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			Pakistan and El Salvador sign crypto cooperation pact          | PK | SV
			Japan and the UK sign memorandum on stablecoin supervision      | JP | GB
			Singapore & Switzerland sign crypto cooperation agreement       | SG | CH
			""")
	void firstOfTwoPartiesActingTogetherIsTheActor(String title, String actor, String counterparty) {
		Classification result = ENGINE.classify(title, "");
		assertThat(result.policyMove()).isTrue();
		assertThat(result.primaryJurisdiction()).isEqualTo(actor);
		assertThat(role(result, counterparty)).isEqualTo(Role.COUNTERPARTY);
	}

	@Test
	void mainMoveRanksFirst() {
		Classification result = ENGINE.classify("Pakistan and El Salvador sign a crypto partnership",
				"The council's head met President Bukele in San Salvador to discuss regulation. "
						+ "The two governments also agreed to set up a joint crypto council.");
		assertThat(topicCodes(result)).first().isEqualTo("international_cooperation");
		assertThat(topicCodes(result)).contains("regulator_formation");
	}

	@ParameterizedTest(name = "{0} | {1}")
	@CsvSource(delimiter = '|',
			textBlock = """
					Regulator orders Paxos to halt token issuance        | The order follows a review of its controls.                          | enforcement     | ban_restriction
					Watchdog tells Binance and Bybit to stop serving users | Both platforms had been warned before.                             | enforcement     | ban_restriction
					Regulator orders exchanges to stop serving minors    | The rule applies to every platform in the country.                  | ban_restriction | enforcement
					Central bank sets registration deadline for crypto firms | Providers must register by June; unregistered firms face fines. | licensing       | enforcement
					Cabinet exempts crypto gains from income tax         | The exemption covers trades through licensed exchanges.             | taxation        | licensing
					State finishes selling the bitcoin it seized         | Prosecutors ordered the sale of the coins it seized in January.     | reserve_holdings | enforcement
					""")
	void describingWordsAreNotAnotherMove(String title, String body, String expected, String notExpected) {
		Classification result = ENGINE.classify(title, body);
		assertThat(topicCodes(result)).contains(expected).doesNotContain(notExpected);
	}

	@Test
	void internationalBodyLeadingTheFirstSentenceActsWithoutAHeadline() {
		Classification result = ENGINE.classify(null,
				"The Financial Action Task Force has adopted guidance telling countries to license or register "
						+ "virtual asset service providers and to apply the travel rule to transfers.");
		assertThat(result.policyMove()).isTrue();
		assertThat(result.primaryJurisdiction()).isNull();
		assertThat(topicCodes(result)).containsExactly("intl_org");
	}

	@Test
	void miningChipNamesNoJurisdiction() {
		Classification result = ENGINE.classify("Venezuela cuts mining farms off the grid",
				"Police confiscated 11,000 ASIC miners in the raids.");
		assertThat(codes(result)).containsExactly("VE");
	}

	@ParameterizedTest(name = "{0} | {1}")
	@CsvSource(delimiter = '|',
			textBlock = """
					Dutch court jails a mixer developer for 64 months | Judges found him guilty of money laundering.      | enforcement
					Namibia's crypto law takes effect                 | The central bank stressed bitcoin would not become legal tender. | legislation
					Italy designates its crypto supervisors           | A decree designates Consob as the national competent authority. | regulator_formation
					""")
	void readsVerdictsDesignationsAndDenials(String title, String body, String expected) {
		Classification result = ENGINE.classify(title, body);
		assertThat(topicCodes(result)).contains(expected).doesNotContain("legal_tender");
	}

	@Test
	void currencyNamesNoJurisdiction() {
		Classification result = ENGINE.classify("Palau pilots a stablecoin backed by US dollars",
				"The finance ministry said the token is redeemable one-for-one in U.S. dollars.");
		assertThat(codes(result)).containsExactly("PW");
	}

	@Test
	void historyBehindTheMoveIsNotAnotherMove() {
		Classification result = ENGINE.classify("Pakistan and El Salvador sign a crypto partnership",
				"The two governments agreed to share know-how on bitcoin policy. Pakistan had set up its "
						+ "Crypto Council earlier in the year, and had allocated surplus power to miners.");
		assertThat(topicCodes(result)).containsExactly("international_cooperation");
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			Thailand bans five unlicensed exchanges             | TH | ban_restriction
			Brazil's Senate approves crypto bill                | BR | legislation
			Vietnam legalises crypto trading                    | VN | legislation
			Guinea's central bank bars crypto payments          | GN | ban_restriction
			South Korea to lift its ban on corporate crypto trading | KR | ban_restriction
			Kazakhstan buys bitcoin for a state reserve         | KZ | reserve_holdings
			""")
	void countryAsSubjectOfAnOfficialVerbActs(String title, String primary, String topic) {
		Classification result = ENGINE.classify(title, "");
		assertThat(result.policyMove()).isTrue();
		assertThat(result.primaryJurisdiction()).isEqualTo(primary);
		assertThat(topicCodes(result)).contains(topic);
	}

	@Test
	void internationalOrganisationActingOnACountryMakesItTheCounterparty() {
		Classification result = ENGINE.classify("IMF deal limits El Salvador's bitcoin buying",
				"The International Monetary Fund's board approved the loan; public bitcoin purchases stop.");
		assertThat(result.policyMove()).isTrue();
		assertThat(result.primaryJurisdiction()).isNull();
		assertThat(role(result, "SV")).isEqualTo(Role.COUNTERPARTY);
		assertThat(topicCodes(result)).contains("intl_org");
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			FATF urges countries to apply the travel rule to crypto       | intl_org
			Financial Stability Board finalises crypto framework          | intl_org
			BIS proposes bank capital rules for crypto                    | intl_org
			World Bank declines to help El Salvador with bitcoin          | intl_org
			""")
	void internationalOrganisationsActWithoutBeingJurisdictions(String title, String topic) {
		Classification result = ENGINE.classify(title, "");
		assertThat(result.policyMove()).isTrue();
		assertThat(result.primaryJurisdiction()).isNull();
		assertThat(topicCodes(result)).contains(topic);
		assertThat(codes(result)).noneMatch((code) -> code.startsWith("@"));
	}

	@Test
	void oecdIsAnActorButNotTheIntlOrgTopic() {
		Classification result = ENGINE.classify("OECD: countries pledge to adopt crypto tax reporting framework",
				"In a joint statement, 48 countries committed to the framework.");
		assertThat(result.primaryJurisdiction()).isNull();
		assertThat(topicCodes(result)).doesNotContain("intl_org").contains("taxation");
	}

	@ParameterizedTest(name = "{0} on {1} -> {2}")
	@CsvSource(delimiter = '|', textBlock = """
			President Yoon signs the digital asset act    | 2023-09-01 | KR
			Chief Executive Lee backs stablecoin licensing | 2023-03-01 | ''
			Chief Executive Lee backs stablecoin licensing | ''         | ''
			Prime Minister Wong backs tokenisation         | 2025-01-10 | SG
			Scholz backs crypto tax change                 | 2020-05-01 | DE
			Sunak wants a crypto hub                       | 2022-04-04 | GB
			Trump signs a crypto order                     | 2023-05-05 | US
			""")
	void officialsSurnameResolvesByDate(String title, String date, String code) {
		LocalDate published = date.isEmpty() ? null : LocalDate.parse(date);
		Set<String> codes = codes(ENGINE.classify(title, "", published));
		if (code.isEmpty()) {
			assertThat(codes).isEmpty();
		}
		else {
			assertThat(codes).contains(code);
		}
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "Lee Seok-woo, the exchange's chief, spoke", "Analyst Kevin Scholz expects a rally" })
	void surnameOfSomeoneElseIsNoOfficial(String title) {
		assertThat(codes(ENGINE.classify(title, ""))).isEmpty();
	}

	@ParameterizedTest(name = "{0} -> {1}")
	@CsvSource(delimiter = '|', textBlock = """
			Regulator sets up a new crypto authority                     | regulator_formation
			Parliament passes crypto bill                                | legislation
			Regulator grants the first exchange licence                  | licensing
			Central bank lifts the ban on crypto payments                | ban_restriction
			Government drops bitcoin as legal tender                     | legal_tender
			Treasury proposes capital gains tax on crypto                | taxation
			Government adds bitcoin to a strategic bitcoin reserve       | reserve_holdings
			Central bank launches CBDC pilot                             | cbdc
			Regulator approves the first stablecoin issuer               | stablecoin
			Regulator fines exchange for compliance failures             | enforcement
			Government allocates electricity to bitcoin mining           | mining_energy
			Ministers sign memorandum of understanding on crypto         | international_cooperation
			IMF sets conditions on crypto in loan programme              | intl_org
			""")
	void detectsEveryTopic(String title, String topic) {
		Classification result = ENGINE.classify(title, "");
		assertThat(result.policyMove()).isTrue();
		assertThat(topicCodes(result)).contains(topic);
		assertThat(result.topics()).allSatisfy((tag) -> assertThat(tag.evidence()).isNotEmpty());
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			Bitcoin tops $120,000 as fund inflows swell              | Traders cited a short squeeze.
			Hackers steal $40 million from an exchange               | The stolen coins went through mixers.
			Tether reports a record quarterly profit                 | Treasury bills drove the earnings.
			Miner buys more bitcoin for its corporate treasury       | The company bought 1,500 BTC.
			Candidate promises bitcoin legal tender if elected       | Polls give him little chance.
			Exchange opens an office in Dubai                        | The company will hire 100 people.
			Coinbase launches stablecoin payments for merchants      | Shops will be able to accept the tokens.
			""")
	void negativesAreNotPolicyMoves(String title, String body) {
		Classification result = ENGINE.classify(title, body);
		assertThat(result.policyMove()).isFalse();
		assertThat(result.primaryJurisdiction()).isNull();
		assertThat(result.topics()).isEmpty();
		assertThat(result.severity()).isEqualTo(Severity.LOW);
	}

	@ParameterizedTest(name = "{0} -> {1}")
	@CsvSource(delimiter = '|', textBlock = """
			Central African Republic drops bitcoin as legal tender   | CRITICAL
			Thailand bans five crypto exchanges                      | HIGH
			Regulator fines an exchange                              | HIGH
			Hong Kong's SFC licenses another platform                | MEDIUM
			Central bank launches CBDC pilot                         | MEDIUM
			Regulator opens consultation on crypto exchange rules    | MEDIUM
			Parliament passes crypto law                             | HIGH
			Central bank proposes banning crypto trading             | MEDIUM
			Lawmakers propose making bitcoin legal tender            | HIGH
			""")
	void severityFollowsTheMove(String title, Severity severity) {
		assertThat(ENGINE.classify(title, "").severity()).isEqualTo(severity);
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|',
			textBlock = """
					Estonia's crypto licensing law comes into force         | The rules apply to every provider from Monday. | EE | legislation
					Central bank asks Norwegians for views on digital cash   | Norges Bank opened a public consultation on a digital krone. | NO | cbdc
					''                                                       | Canada Revenue Agency said taxpayers must report staking rewards as taxable income in the year they are received. | CA | taxation
					Regulator reprimands a Danish broker over false reports  | Denmark's Financial Supervisory Authority said the firm misled it. | DK | enforcement
					Federal Reserve withdraws crypto guidance for lenders    | The Board rescinded a letter that told banks to seek approval first. | US | ban_restriction
					Bank of Ghana tells lenders to refrain from crypto deals | The circular applies to all licensed banks. | GH | ban_restriction
					Japan's FSA issues business improvement order to exchange | The agency found weak controls over customer wallets. | JP | enforcement
					""")
	void officialActsInTheirOwnWordsAreMoves(String title, String body, String primary, String topic) {
		Classification result = ENGINE.classify(title, body);
		assertThat(result.policyMove()).isTrue();
		assertThat(result.primaryJurisdiction()).isEqualTo(primary);
		assertThat(topicCodes(result)).contains(topic);
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|',
			textBlock = """
					Ontario Securities Commission fines a crypto platform    | The OSC said the firm traded without registration. | CA-ON
					British Columbia Securities Commission bans a token seller | The commission ordered the seller to stop trading in the province. | CA-BC
					City pays civil servants in digital yuan                 | The city of Wuxi in Jiangsu province will pay staff in the central bank's digital currency, the municipal government said. | CN-JS
					""")
	void subNationalActorIsTheSubdivision(String title, String body, String primary) {
		Classification result = assertMoveActedBy(title, body, primary);
		assertThat(role(result, ClassificationEngine.country(primary))).isEqualTo(Role.ACTOR);
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|',
			textBlock = """
					MAS teams up with Brazil's central bank on tokenised settlement | Banco Central do Brasil will link Drex to the trial, and Brazil's central bank will host the Brazilian side. Brazil's Drex pilot continues. | SG | BR
					Estonia hands crypto fraud suspect to US authorities          | Estonia extradited the suspect to the United States, where US prosecutors charged him in New York. | EE | US
					Swedish police sell seized bitcoin, proceeds go to Ukraine    | The proceeds will fund aid to Ukraine; Ukraine's government welcomed the sale. | SE | UA
					""")
	void headlineSubjectOfATwoCountryStoryActs(String title, String body, String actor, String other) {
		Classification result = ENGINE.classify(title, body);
		assertThat(result.policyMove()).isTrue();
		assertThat(result.primaryJurisdiction()).isEqualTo(actor);
		assertThat(role(result, other)).isNotEqualTo(Role.ACTOR);
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|',
			textBlock = """
					BIS and Bank of Canada complete a retail CBDC prototype    | The BIS Innovation Hub and the Bank of Canada tested offline payments with a digital currency. | CA
					BIS Innovation Hub and Bank of Italy test stablecoin checks | The project built a tool that supervisors could use to check stablecoin reserves. | IT
					""")
	void centralBankWorkingWithTheBisActs(String title, String body, String primary) {
		assertMoveActedBy(title, body, primary);
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|',
			textBlock = """
					Kraken buys Dutch exchange to enter the Netherlands      | The target is registered with the central bank. Terms were not disclosed. | ''
					Revolut lets UK customers buy and sell crypto in its app | Account holders will be able to buy, hold and sell bitcoin and ether. | ''
					Vietnam and India lead a crypto adoption index           | The analytics firm ranks 150 countries by on-chain activity; regulators elsewhere passed new rules. | ''
					""")
	void companyDealsProductsAndRankingsAreNotMoves(String title, String body, String unused) {
		Classification result = ENGINE.classify(title, body);
		assertThat(result.policyMove()).isFalse();
		assertThat(result.primaryJurisdiction()).isNull();
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|',
			textBlock = """
					Spanish police and Europol dismantle crypto laundering ring   | Officers worked with partners in five countries during the operation. | international_cooperation
					Bank of Canada and Bank of France publish joint research on tokenised settlement | The two central banks tested wholesale payments on a shared ledger. | international_cooperation
					G7 finance ministers agree principles for digital currencies | The Group of Seven said members would coordinate their rules. | international_cooperation
					Nevada treasurer to put 5% of public funds into bitcoin       | The state would hold the coins in a new reserve fund. | reserve_holdings
					Central bank adds bitcoin to its reserves                     | The Bank of Bhutan said the coins would sit alongside its gold. | reserve_holdings
					President names a crypto czar to steer federal policy         | The new post sits in the Treasury, which will coordinate agencies. | regulator_formation
					Parliament names the securities commission as crypto supervisor | The law puts the commission in charge of supervising exchanges. | regulator_formation
					Bank of Zambia starts a pilot of the digital kwacha           | Shoppers in Lusaka will pay with the central bank's new currency. | cbdc
					Monetary authority grants in-principle approval to two stablecoin issuers | The Monetary Authority of Singapore said both must still meet capital rules. | licensing
					""")
	void joinedUpActsAndTheirWordingHaveTheirTopics(String title, String body, String topic) {
		assertMoveAbout(title, body, topic);
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|',
			textBlock = """
					NCA-led operation breaks up Russian crypto laundering ring   | Russian couriers swapped cash for tether, Britain's agency said. | GB
					Exchange must hand client records to the Canada Revenue Agency | A court ordered the platform to give the agency data on customers with large holdings. | CA
					Denton becomes first city in Texas to mine bitcoin           | The city council voted to run mining machines at city hall. | US-TX
					""")
	void actorOfOperationsDisclosureOrdersAndCityActs(String title, String body, String primary) {
		assertMoveActedBy(title, body, primary);
	}

	@Test
	void stateSanctionedVenueIsNoPenalty() {
		Classification result = ENGINE.classify("Indonesian regulator opens state-sanctioned crypto exchange",
				"Traders must become members of the bourse and obtain full approval from Bappebti.");
		assertThat(result.policyMove()).isTrue();
		assertThat(topicCodes(result)).contains("licensing").doesNotContain("enforcement");
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|',
			textBlock = """
					Peru's central bank: bitcoin is not legal tender               | The bank said on Monday that only the sol is legal tender and that cryptocurrencies are not legal tender in Peru. | legal_tender
					Central bank rejects a crypto bank's application for an account | The central bank denied the application, citing the firm's risk controls. | licensing
					Treasury withdraws its guidance on crypto in pension plans   | The department rescinded the guidance that told trustees to avoid digital assets. | ban_restriction
					Securities regulator limits crypto platforms to professional investors | Platforms may serve only professional investors until the rules are reviewed. | ban_restriction
					Governor creates a state office for digital assets            | The executive order sets up an office for blockchain policy inside the governor's cabinet. | regulator_formation
					Regulator forms a working group on tokenised deposits         | The central bank said it had set up a working group with five lenders. | regulator_formation
					State investment council doubles its stake in a bitcoin ETF    | The Abu Dhabi Investment Council reported a larger holding in a spot bitcoin ETF in its quarterly filing. | reserve_holdings
					G20 leaders commit to a common approach on crypto-asset rules  | The leaders said they would keep working together on a global framework. | international_cooperation
					Global standard setters publish principles for stablecoin arrangements | The guidance from the BIS committee applies payment-system rules to large stablecoins. | intl_org
					Kenya and Nigeria set up a bilateral working group on crypto crime | The group will meet twice a year to share intelligence on illicit finance. | international_cooperation
					""")
	void statementsDenialsWithdrawalsAndNewOfficesHaveTheirTopics(String title, String body, String topic) {
		assertMoveAbout(title, body, topic);
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|',
			textBlock = """
					''  | Oregon will not put state money into crypto after a committee rejected the bill. Idaho's legislature is still debating a similar bill, and Idaho's senate voted on it twice. | US-OR
					''  | A people's court in Hangzhou, in China's Zhejiang province, sentenced three men to prison and confiscated their crypto for running a pyramid scheme. The court said the men had defrauded investors across China. | CN-ZJ
					Jury in federal court convicts crypto mixer developer | The verdict was announced by the Southern District of New York; prosecutors said funds from Iran passed through the mixer. | US
					Mayor creates New York City office for digital assets | The office will coordinate blockchain projects across city agencies. | US-NY
					""")
	void leadSubdivisionLocalCourtsAndFederalProsecutorsAct(String title, String body, String primary) {
		assertMoveActedBy(title, body, primary);
	}

	@Test
	void stateFundStakeInACryptoCompanyIsNoReserveMove() {
		Classification result = ENGINE.classify("State-backed investor takes minority stake in crypto exchange",
				"The technology investment firm will buy a stake in the exchange, which said the deal is its largest.");
		assertThat(topicCodes(result)).doesNotContain("reserve_holdings");
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|',
			textBlock = """
					''  | The municipal government of Hangzhou says shops in the city will accept the digital yuan for parking fees from next month. | CN-ZJ
					Miami commissioners vote to study holding part of the city treasury in bitcoin | The city manager will report on whether some of the city treasury can be held in bitcoin. | US-FL
					Nassau police arrest exchange founder after American charges | The founder was detained at his home in the Bahamas a day after prosecutors in New York filed fraud charges. | BS
					Podgorica court extends detention of crypto fugitive     | The court said the suspect, wanted in South Korea and the United States, must stay in custody. | ME
					Sukhumi bans crypto mining as power cuts spread          | Authorities in the breakaway region said the grid could not cope with the miners. | GE-AB
					''  | Gangnam District says its district office collected overdue local taxes by freezing and seizing the crypto held by delinquent taxpayers. | KR-11
					""")
	void citiesAndCapitalsActThroughOfficialWordsOrALocalCue(String title, String body, String primary) {
		assertMoveActedBy(title, body, primary);
	}

	@Test
	void cityNamedAsAFirmsBaseIsEvidenceButACityInAListOfExamplesIsNot() {
		assertThat(codes(ENGINE.classify("Miami-based exchange raises funds", "The startup plans to hire.")))
			.contains("US-FL", "US");
		assertThat(codes(ENGINE.classify("Central bank widens digital yuan trials",
				"The People's Bank of China has tested the currency in several cities, including Shenzhen, Suzhou and Chengdu.")))
			.doesNotContain("CN-JS");
	}

	@Test
	void listWordsCountOnlyAsWholeWordsWithinTheCitysSentence() {
		// "such assets" is not "such as"; a list in the sentence before does not reach
		// the city
		assertThat(codes(
				ENGINE.classify("Exchange sues over frozen funds", "A court froze such assets in Miami last month.")))
			.contains("US-FL");
		assertThat(codes(
				ENGINE.classify("Exchange expands", "It already trades in several cities. Miami is next on its list.")))
			.contains("US-FL");
	}

	@Test
	void regionalCentralBankActsWithoutPrimaryJurisdiction() {
		Classification result = ENGINE.classify("Regional central bank tells member state to repeal its bitcoin law",
				"The Bank of Central African States said the law making bitcoin legal tender threatens the monetary union.");
		assertThat(result.policyMove()).isTrue();
		assertThat(result.primaryJurisdiction()).isNull();
		assertThat(topicCodes(result)).doesNotContain("intl_org");
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|',
			textBlock = """
					Bitcoin price steadies as Treasury adds a crypto mixer to its sanctions list | Traders shrugged off the news. The Office of Foreign Assets Control designated the mixer and put its wallet addresses on the sanctions list. | enforcement
					''  | Ukraine's Security Service says it has dismantled an illegal crypto mining farm that drew power from the grid. Officers seized hundreds of graphics cards. | enforcement
					Rome and Madrid close ranks against a private global stablecoin | The two finance ministers said in a joint statement that no private company should issue a currency. | international_cooperation
					Government raises millions in crypto for flood relief      | The ministry published official wallet addresses and said the coins would pay for supplies. | reserve_holdings
					State power company tells licensed miners to halt operations for the summer | The utility said the grid could not carry the mining farms during peak demand. | ban_restriction
					""")
	void officialActsInsideMarketAndIncidentStoriesAreMoves(String title, String body, String topic) {
		assertMoveAbout(title, body, topic);
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|',
			textBlock = """
					Software firm makes bitcoin its treasury reserve asset   | The company bought bitcoin with its spare cash and its shares rose. | ''
					Mayor says his presidential campaign will accept bitcoin | He told a conference that donations in bitcoin are welcome.          | ''
					''  | The software firm said its treasury would be held in bitcoin from now on, its chief executive said. | ''
					""")
	void companyTreasuriesAndCampaignDonationsAreNotMoves(String title, String body, String unused) {
		Classification result = ENGINE.classify(title, body);
		assertThat(result.policyMove()).isFalse();
		assertThat(result.primaryJurisdiction()).isNull();
	}

	/** The item is a policy move and {@code primary} acts. */
	private static Classification assertMoveActedBy(String title, String body, String primary) {
		Classification result = ENGINE.classify(title, body);
		assertThat(result.policyMove()).isTrue();
		assertThat(result.primaryJurisdiction()).isEqualTo(primary);
		return result;
	}

	/** The item is a policy move with {@code topic} among its topics. */
	private static void assertMoveAbout(String title, String body, String topic) {
		Classification result = ENGINE.classify(title, body);
		assertThat(result.policyMove()).isTrue();
		assertThat(topicCodes(result)).contains(topic);
	}

}
