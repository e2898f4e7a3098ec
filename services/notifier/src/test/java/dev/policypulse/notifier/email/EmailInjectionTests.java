package dev.policypulse.notifier.email;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.policypulse.contracts.Evidence;
import dev.policypulse.contracts.JurisdictionTag;
import dev.policypulse.contracts.PolicyItemClassified;
import dev.policypulse.contracts.PolicyItemIngested;
import dev.policypulse.contracts.Role;
import dev.policypulse.contracts.Severity;
import dev.policypulse.contracts.TopicTag;
import dev.policypulse.notifier.ReceivedMail;

import org.springframework.mail.MailException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

/**
 * Hostile feed text, addresses and ids sent through the real sender to a real SMTP
 * server; the assertions read the raw message as the server stored it: no header line
 * that the notifier did not write, every line ended properly, the multipart intact with
 * exactly the rendered text and HTML in it, nothing unescaped in the HTML.
 */
class EmailInjectionTests {

	@RegisterExtension
	static final GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
		.withPerMethodLifecycle(false);

	/** The only headers a sent email may have (the last two are the server's). */
	private static final Set<String> HEADERS = Set.of("date", "from", "to", "message-id", "subject", "mime-version",
			"content-type", "list-unsubscribe", "list-unsubscribe-post", "received", "return-path");

	private static final String EVIL = "evil@example.org";

	private final AlertEmails alerts = new AlertEmails(new EmailTemplates());

	private final DigestEmails digests = new DigestEmails(new EmailTemplates());

	private static EmailSender sender;

	/**
	 * Where hostile text can come from: the feed's title, body and link, the
	 * classification's evidence, the subscriber's keywords.
	 */
	record Hostile(String name, String title, String body, String url, String evidence, String keyword) {

		@Override
		public String toString() {
			return this.name;
		}

	}

	static Stream<Hostile> hostileInputs() {
		String plainUrl = "https://news.example.org/items/1";
		return Stream.of(
				new Hostile("CRLF and a Bcc header in the title", "Pakistan acts\r\nBcc: " + EVIL, "Body.", plainUrl,
						"acts", "acts"),
				new Hostile("bare LF and a made-up header in the title", "Pakistan acts\nX-Injected: yes\n\nbody",
						"Body.", plainUrl, "acts", "acts"),
				new Hostile("bare CR in the title", "Pakistan acts\rX-Injected: yes", "Body.", plainUrl, "acts",
						"acts"),
				new Hostile("Unicode line breaks in the title",
						"Pakistan acts\u0085X-Injected: nel\u2028X-Injected: ls\u2029X-Injected: ps", "Body.", plainUrl,
						"acts", "acts"),
				new Hostile("control characters in the title", "Pakistan\u0000 acts\u001b[31m\u007f\u0007 now", "Body.",
						plainUrl, "acts", "acts"),
				new Hostile("an encoded word in the title that decodes to a header",
						"=?UTF-8?Q?Pakistan=0D=0ABcc:_evil@example.org?=", "Body.", plainUrl, "Pakistan", "acts"),
				new Hostile("script and event handlers in title and body",
						"<script>alert('t')</script><img src=x onerror=alert(1)> Pakistan acts",
						"<SCRIPT SRC=//evil.example/x.js></SCRIPT><svg onload=alert(2)> Pakistan acts.", plainUrl,
						"Pakistan acts", "acts"),
				new Hostile("a fake MIME boundary and part in the body", "Pakistan acts",
						"Pakistan acts.\r\n\r\n------=_Part_0_1.2\r\nContent-Type: text/html\r\n\r\n<script>alert(3)"
								+ "</script>\r\n------=_Part_0_1.2--\r\n.\r\nMAIL FROM:<" + EVIL + ">",
						plainUrl, "Pakistan acts", "acts"),
				new Hostile("a link that breaks out of its attribute", "Pakistan acts", "Body.",
						"https://news.example.org/\"><script>alert(4)</script><a href=\"", "acts", "acts"),
				new Hostile("a javascript link", "Pakistan acts", "Body.", "javascript:alert(5)", "acts", "acts"),
				new Hostile("a data link", "Pakistan acts", "Body.", "data:text/html,<script>alert(6)</script>", "acts",
						"acts"),
				new Hostile("a title far too long for a header line", "Pakistan" + "x".repeat(10_000), "Body.",
						plainUrl, "Pakistan", "acts"),
				new Hostile("right-to-left, emoji and a bidirectional override in the title",
						"پاکستان 🇵🇰 acts \u202Egnp.exe\r\nBcc: " + EVIL, "Body.", plainUrl, "acts", "acts"),
				new Hostile("markup in the evidence and the keyword", "Pakistan acts", "Body.", plainUrl,
						"</strong><script>alert(7)</script>\r\nBcc: " + EVIL, "</li><script>alert(8)</script>"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("hostileInputs")
	void hostileFeedTextAddsNoHeaderAndBreaksNoPart(Hostile hostile) throws Exception {
		String to = address();
		RenderedEmail content = this.alerts.render(item(hostile), rules(hostile), AlertEmailsTests.LINKS);

		sender().send(new OutgoingEmail(to, content, messageId(), AlertEmailsTests.LINKS.unsubscribeUrl()));

		assertSafe(receivedBy(to), to, content);
	}

	/**
	 * Without a jurisdiction or move to name, the subject is the prefix and the title:
	 * plain ASCII for most of the corpus, which Jakarta Mail would not encode.
	 */
	@ParameterizedTest(name = "{0}")
	@MethodSource("hostileInputs")
	void hostileTitlesInAnAsciiSubjectAddNoHeader(Hostile hostile) throws Exception {
		String to = address();
		PolicyItemClassified item = item(hostile);
		PolicyItemClassified bare = new PolicyItemClassified(item.item(), List.of(), null, List.of(), false,
				Severity.LOW, "rules-4", item.classifiedAt());
		RenderedEmail content = this.alerts.render(bare,
				new MatchedRules(List.of(), List.of(), List.of(), List.of(), List.of(), Severity.LOW, false),
				AlertEmailsTests.LINKS);

		sender().send(new OutgoingEmail(to, content, messageId(), AlertEmailsTests.LINKS.unsubscribeUrl()));

		assertSafe(receivedBy(to), to, content);
	}

	@Test
	void hostileTitlesInADigestAddNoHeaderAndBreakNoPart() throws Exception {
		String to = address();
		List<DigestEntry> entries = new ArrayList<>();
		hostileInputs().forEach((hostile) -> entries.add(new DigestEntry(item(hostile), rules(hostile))));
		RenderedEmail content = this.digests.render(new DigestContent(false, LocalDate.of(2026, 5, 4),
				ZoneId.of("Europe/Berlin"), 8, entries, 0, AlertEmailsTests.LINKS));

		sender().send(new OutgoingEmail(to, content, messageId(), AlertEmailsTests.LINKS.unsubscribeUrl()));

		assertSafe(receivedBy(to), to, content);
	}

	@Test
	void hostileMessageIdAndUnsubscribeLinkAddNoHeader() throws Exception {
		String to = address();
		RenderedEmail content = this.alerts.render(item(hostileInputs().findFirst().orElseThrow()),
				AlertEmailsTests.followsPakistan(), AlertEmailsTests.LINKS);

		sender().send(new OutgoingEmail(to, content, "<" + UUID.randomUUID() + "@policypulse>\r\nBcc: " + EVIL,
				"https://alerts.example.org/u?token=t>, <mailto:" + EVIL + ">\r\nX-Injected: yes"));

		String raw = assertSafe(receivedBy(to), to, content);
		assertThat(unfoldedHeaders(raw)).anySatisfy((header) -> assertThat(header).isEqualTo(
				"List-Unsubscribe: <https://alerts.example.org/u?token=t%3E%2C%3Cmailto:evil@example.org%3EX-Injected:yes>"));
	}

	/**
	 * Addresses are checked when subscribing; should a hostile one be stored anyway, it
	 * is refused (a permanent failure) or, at worst, reaches one odd address: never a
	 * second recipient, never a header of its own.
	 */
	@Test
	void hostileRecipientAddressesReachNobodyElse() throws Exception {
		String victim = address();
		List<String> hostile = List.of(victim + "\r\nBcc: " + EVIL, victim + "\nCc: " + EVIL, victim + ", " + EVIL,
				victim + " " + EVIL, "Someone <" + EVIL + ">, " + victim,
				"\"" + victim + "\r\nBcc: " + EVIL + "\"@example.org");
		RenderedEmail content = this.alerts.render(item(hostileInputs().findFirst().orElseThrow()),
				AlertEmailsTests.followsPakistan(), AlertEmailsTests.LINKS);

		int refused = 0;
		for (String to : hostile) {
			Throwable failure = catchThrowable(() -> sender()
				.send(new OutgoingEmail(to, content, messageId(), AlertEmailsTests.LINKS.unsubscribeUrl())));
			if (failure != null) {
				assertThat(failure).as(to).isInstanceOf(MailException.class);
				refused++;
			}
		}

		assertThat(refused).isGreaterThanOrEqualTo(hostile.size() - 1);
		assertThat(ReceivedMail.to(greenMail, EVIL)).isEmpty();
		for (MimeMessage message : greenMail.getReceivedMessages()) {
			assertThat(unfoldedHeaders(GreenMailUtil.getWholeMessage(message)))
				.noneMatch((header) -> header.regionMatches(true, 0, "Bcc:", 0, 4)
						|| header.regionMatches(true, 0, "Cc:", 0, 3));
		}
	}

	@Test
	void alertsAndDigestsCarryOneClickUnsubscribeHeadersAndConfirmationsNone() throws Exception {
		String alertTo = address();
		String confirmationTo = address();
		RenderedEmail alert = this.alerts.render(AlertEmailsTests.regulator(), AlertEmailsTests.followsPakistan(),
				AlertEmailsTests.LINKS);
		RenderedEmail confirmation = new ConfirmationEmails(new EmailTemplates()).render(List.of("PK"), List.of(),
				"https://alerts.example.org/api/v1/subscriptions/confirm?token=c.s");

		sender().send(new OutgoingEmail(alertTo, alert, messageId(), AlertEmailsTests.LINKS.unsubscribeUrl()));
		sender().send(new OutgoingEmail(confirmationTo, confirmation, messageId(), null));

		MimeMessage received = receivedBy(alertTo);
		assertThat(received.getHeader("List-Unsubscribe"))
			.containsExactly("<" + AlertEmailsTests.LINKS.unsubscribeUrl() + ">");
		assertThat(received.getHeader("List-Unsubscribe-Post")).containsExactly("List-Unsubscribe=One-Click");
		MimeMessage confirmed = receivedBy(confirmationTo);
		assertThat(confirmed.getHeader("List-Unsubscribe")).isNull();
		assertThat(confirmed.getSubject()).isEqualTo("[PolicyPulse] Confirm your subscription");
		assertThat(ReceivedMail.part(confirmed, "text/plain"))
			.contains("https://alerts.example.org/api/v1/subscriptions/confirm?token=c.s");
	}

	/**
	 * Asserts that the raw message holds only the notifier's own headers, once each,
	 * lines properly ended and short enough, and a multipart with exactly the rendered
	 * bodies.
	 * @return the raw message
	 */
	private static String assertSafe(MimeMessage received, String to, RenderedEmail content)
			throws MessagingException, IOException {
		String raw = GreenMailUtil.getWholeMessage(received);
		assertThat(raw.replace("\r\n", "")).as("bare CR or LF").doesNotContain("\r", "\n");
		assertThat(raw.split("\r\n")).allSatisfy((line) -> assertThat(line.length()).isLessThanOrEqualTo(998));

		List<String> headers = unfoldedHeaders(raw);
		List<String> names = headers.stream()
			.map((header) -> header.substring(0, header.indexOf(':')).toLowerCase(Locale.ROOT))
			.toList();
		assertThat(names).as(raw.substring(0, raw.indexOf("\r\n\r\n"))).allMatch(HEADERS::contains);
		for (String once : List.of("from", "to", "subject", "message-id", "list-unsubscribe", "list-unsubscribe-post",
				"content-type")) {
			assertThat(names).as(once).containsOnlyOnce(once);
		}
		assertThat(headers).contains("To: " + to);

		MimeMessage parsed = new MimeMessage(Session.getInstance(new Properties()),
				new ByteArrayInputStream(raw.getBytes(StandardCharsets.ISO_8859_1)));
		assertThat(parsed.getSubject()).isEqualTo(content.subject());
		List<Part> leaves = new ArrayList<>();
		leaves(parsed, leaves);
		assertThat(leaves).hasSize(2);
		assertThat(leaves.get(0).isMimeType("text/plain")).isTrue();
		assertThat(leaves.get(1).isMimeType("text/html")).isTrue();
		assertThat(normalised((String) leaves.get(0).getContent())).isEqualTo(normalised(content.text()));
		String html = (String) leaves.get(1).getContent();
		assertThat(normalised(html)).isEqualTo(normalised(content.html()));
		// the handlers' text stays, escaped, but no element carries them
		assertThat(html.toLowerCase(Locale.ROOT)).doesNotContain("<script", "<img", "<svg", "href=\"javascript:",
				"href=\"data:");
		return raw;
	}

	/** The header section, each header on one line. */
	private static List<String> unfoldedHeaders(String raw) {
		String section = raw.substring(0, raw.indexOf("\r\n\r\n"));
		return List.of(section.replaceAll("\r\n[ \t]+", " ").split("\r\n"));
	}

	private static void leaves(Part part, List<Part> leaves) throws MessagingException, IOException {
		if (part.getContent() instanceof Multipart multipart) {
			for (int i = 0; i < multipart.getCount(); i++) {
				BodyPart child = multipart.getBodyPart(i);
				leaves(child, leaves);
			}
		}
		else {
			leaves.add(part);
		}
	}

	/** Line ends as SMTP carries them. */
	private static String normalised(String body) {
		return body.replace("\r\n", "\n");
	}

	private static PolicyItemClassified item(Hostile hostile) {
		String body = hostile.body();
		int start = body.indexOf("Pakistan acts");
		List<Evidence> evidence = (start >= 0) ? List.of(new Evidence("body", start, start + 13, "Pakistan acts"))
				: List.of();
		PolicyItemIngested ingested = new PolicyItemIngested("item-" + UUID.randomUUID(), "story-" + UUID.randomUUID(),
				"example-wire", hostile.url(), hostile.title(), body, "en", Instant.parse("2026-05-04T09:30:00Z"),
				Instant.parse("2026-05-04T09:31:00Z"));
		return new PolicyItemClassified(ingested,
				List.of(new JurisdictionTag("PK", Role.ACTOR, 0.9,
						List.of(new Evidence("title", 0, 1, hostile.evidence())))),
				"PK", List.of(new TopicTag("regulator_formation", 0.9, evidence)), true, Severity.HIGH, "rules-4",
				Instant.parse("2026-05-04T09:32:00Z"));
	}

	private static MatchedRules rules(Hostile hostile) {
		return new MatchedRules(List.of("PK"), List.of(),
				List.of(new MatchedRules.MatchedJurisdiction("PK", "PK", Role.ACTOR)), List.of(),
				List.of(hostile.keyword()), Severity.LOW, true);
	}

	private static synchronized EmailSender sender() {
		if (sender == null) {
			sender = TestEmailSenders.smtp(greenMail.getSmtp().getPort(), Duration.ofSeconds(5));
		}
		return sender;
	}

	@AfterAll
	static void closeConnections() throws Exception {
		if (sender != null) {
			sender.destroy();
		}
	}

	private static MimeMessage receivedBy(String to) {
		await().atMost(Duration.ofSeconds(10)).until(() -> ReceivedMail.to(greenMail, to).size() == 1);
		return ReceivedMail.to(greenMail, to).get(0);
	}

	private static String address() {
		return "subscriber-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
	}

	private static String messageId() {
		return "<" + UUID.randomUUID().toString().replace("-", "") + "@policypulse>";
	}

}
