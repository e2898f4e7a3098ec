package dev.policypulse.notifier.email;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.SocketFactory;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.activation.FileTypeMap;
import jakarta.mail.Address;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.util.StreamProvider;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailException;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.ConfigurableMimeFileTypeMap;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/**
 * Sends rendered emails as multipart text and HTML, with the headers mailbox providers
 * expect, over reused SMTP connections. Opening a connection costs several round trips
 * (greeting, {@code EHLO}, perhaps {@code STARTTLS} and authentication), far more than
 * handing over one email, so connections are kept and reused: each caller takes one
 * nobody else is using, or opens a new one, and gives it back afterwards. Hence there are
 * never more connections than callers sending at the same time. A connection that failed
 * in any way is closed rather than given back, so that the next email starts on a fresh
 * one; connections idle too long or used for many emails are replaced (see
 * {@link SmtpConnectionProperties}).
 * <p>
 * The SMTP server, credentials, time-outs and other JavaMail settings are those of Spring
 * Boot's {@code spring.mail.*} sender.
 */
@Component
public class EmailSender implements DisposableBean {

	/** Jakarta Mail's implementation of its stream provider (Eclipse Angus Mail). */
	static final String STREAM_PROVIDER = "org.eclipse.angus.mail.util.MailStreamProvider";

	/** How long a connection may rest before it is checked on reuse. */
	private static final long RESTED_NANOS = 1_000_000_000L;

	private final JavaMailSenderImpl mailSender;

	private final EmailProperties properties;

	private final SmtpConnectionProperties connections;

	/** Connections nobody is using, the most recently used first. */
	private final Deque<PooledTransport> idle = new ConcurrentLinkedDeque<>();

	private final AtomicInteger open = new AtomicInteger();

	private final Counter opened;

	EmailSender(JavaMailSenderImpl mailSender, EmailProperties properties, SmtpConnectionProperties connections,
			MeterRegistry meterRegistry) {
		this.mailSender = mailSender;
		this.properties = properties;
		this.connections = connections;
		// SMTP is a dialogue of short commands and replies: with Nagle's algorithm, a
		// command written in two pieces can wait for the server's delayed acknowledgement
		// (tens of milliseconds) on every email. A socket factory configured in
		// spring.mail.properties (such as one for TLS) is left alone.
		String protocol = (mailSender.getProtocol() != null) ? mailSender.getProtocol()
				: JavaMailSenderImpl.DEFAULT_PROTOCOL;
		Properties javaMail = mailSender.getJavaMailProperties();
		if (!javaMail.containsKey("mail." + protocol + ".socketFactory")
				&& !javaMail.containsKey("mail." + protocol + ".socketFactory.class")) {
			javaMail.put("mail." + protocol + ".socketFactory", new NoDelaySocketFactory());
		}
		nameStreamProvider();
		this.opened = Counter.builder("policypulse.notifier.smtp.connections.opened")
			.description("Connections opened to the SMTP server")
			.register(meterRegistry);
		Gauge.builder("policypulse.notifier.smtp.connections.open", this.open, AtomicInteger::get)
			.description("Connections to the SMTP server open now, in use or idle")
			.register(meterRegistry);
	}

	/**
	 * Jakarta Mail looks up its {@code StreamProvider} for every multipart, body part and
	 * encoded header it handles; unless the implementation is named in a system property,
	 * each lookup is a {@link java.util.ServiceLoader} scan of the class path, which took
	 * about a quarter of the sending threads' CPU. Naming the implementation turns the
	 * lookup into a loaded-class hit. A name set elsewhere is kept.
	 */
	static void nameStreamProvider() {
		if (System.getProperty(StreamProvider.class.getName()) == null) {
			System.setProperty(StreamProvider.class.getName(), STREAM_PROVIDER);
		}
	}

	/**
	 * Sends one email over a connection of its own for the time it takes.
	 * @param email the email
	 * @throws MailException if the email cannot be built, the SMTP server cannot be
	 * reached, or it refuses the email; a {@link MailSendException} carries the
	 * underlying failure among its message exceptions
	 */
	public void send(OutgoingEmail email) throws MailException {
		MimeMessage message = message(email);
		PooledTransport transport = borrow(message);
		boolean healthy = false;
		try {
			Address[] recipients = message.getAllRecipients();
			transport.transport().sendMessage(message, (recipients != null) ? recipients : new Address[0]);
			healthy = true;
		}
		catch (MessagingException | RuntimeException ex) {
			Map<Object, Exception> failed = new LinkedHashMap<>();
			failed.put(message, ex);
			throw new MailSendException(failed);
		}
		finally {
			giveBack(transport, healthy);
		}
	}

	/**
	 * Closes the connections that have been idle longer than allowed. Reuse checks this
	 * too; calling it between bursts of sending frees server connections early.
	 */
	public void closeIdleConnections() {
		long now = System.nanoTime();
		for (Iterator<PooledTransport> it = this.idle.iterator(); it.hasNext();) {
			PooledTransport transport = it.next();
			if (isExpired(transport, now) && this.idle.remove(transport)) {
				close(transport);
			}
		}
	}

	/** Closes every idle connection. */
	@Override
	public void destroy() {
		PooledTransport transport;
		while ((transport = this.idle.pollFirst()) != null) {
			close(transport);
		}
	}

	private MimeMessage message(OutgoingEmail email) {
		try {
			MimeMessage message = new StableIdMessage(this.mailSender.getSession(), email.messageId());
			MimeMessageHelper helper = new SharedFileTypesHelper(message);
			helper.setFrom(this.properties.from());
			helper.setTo(email.to());
			helper.setSubject(email.content().subject());
			helper.setText(email.content().text(), email.content().html());
			if (email.unsubscribeUrl() != null) {
				message.setHeader("List-Unsubscribe", "<" + email.unsubscribeUrl() + ">");
				message.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
			}
			message.setSentDate(new Date());
			message.saveChanges();
			return message;
		}
		catch (MessagingException ex) {
			throw new MailPreparationException(ex);
		}
	}

	/**
	 * An idle connection still fit for use, else a new one. One that rested for a while
	 * is checked first ({@code NOOP}, one round trip), as the server may have closed it;
	 * one in constant use is not, which keeps sending in bursts at one round trip less
	 * per email.
	 */
	private PooledTransport borrow(MimeMessage message) {
		long now = System.nanoTime();
		PooledTransport transport;
		while ((transport = this.idle.pollFirst()) != null) {
			if (!isExpired(transport, now)
					&& (now - transport.lastUsed() < RESTED_NANOS || transport.transport().isConnected())) {
				return transport;
			}
			close(transport);
		}
		return connect(message);
	}

	/**
	 * Opens a connection the way {@link JavaMailSenderImpl} does, from its session,
	 * server and credentials.
	 */
	private PooledTransport connect(MimeMessage message) {
		Session session = this.mailSender.getSession();
		String protocol = this.mailSender.getProtocol();
		if (protocol == null) {
			protocol = session.getProperty("mail.transport.protocol");
		}
		String username = this.mailSender.getUsername();
		String password = this.mailSender.getPassword();
		if ("".equals(username)) {
			username = null;
			password = "".equals(password) ? null : password;
		}
		Transport transport = null;
		try {
			transport = session.getTransport((protocol != null) ? protocol : JavaMailSenderImpl.DEFAULT_PROTOCOL);
			transport.connect(this.mailSender.getHost(), this.mailSender.getPort(), username, password);
		}
		catch (AuthenticationFailedException ex) {
			closeQuietly(transport);
			throw new MailAuthenticationException(ex);
		}
		catch (MessagingException | RuntimeException ex) {
			closeQuietly(transport);
			Map<Object, Exception> failed = new LinkedHashMap<>();
			failed.put(message, ex);
			throw new MailConnectionException(ex, failed);
		}
		this.open.incrementAndGet();
		this.opened.increment();
		return new PooledTransport(transport);
	}

	private void giveBack(PooledTransport transport, boolean healthy) {
		transport.used();
		if (healthy && transport.sent() < this.connections.maxMessages()) {
			this.idle.offerFirst(transport);
		}
		else {
			close(transport);
		}
	}

	private boolean isExpired(PooledTransport transport, long now) {
		return now - transport.lastUsed() > this.connections.maxIdle().toNanos();
	}

	private void close(PooledTransport transport) {
		this.open.decrementAndGet();
		closeQuietly(transport.transport());
	}

	private static void closeQuietly(Transport transport) {
		if (transport == null) {
			return;
		}
		try {
			transport.close();
		}
		catch (MessagingException | RuntimeException ex) {
			// the connection is gone either way
		}
	}

	/**
	 * A connection and its use so far. Only the caller holding it touches its counters.
	 */
	private static final class PooledTransport {

		private final Transport transport;

		private int sent;

		private long lastUsed = System.nanoTime();

		PooledTransport(Transport transport) {
			this.transport = transport;
		}

		Transport transport() {
			return this.transport;
		}

		int sent() {
			return this.sent;
		}

		long lastUsed() {
			return this.lastUsed;
		}

		void used() {
			this.sent++;
			this.lastUsed = System.nanoTime();
		}

	}

	/** Plain sockets with {@code TCP_NODELAY} set. */
	private static final class NoDelaySocketFactory extends SocketFactory {

		@Override
		public Socket createSocket() throws IOException {
			return noDelay(new Socket());
		}

		@Override
		public Socket createSocket(String host, int port) throws IOException {
			return noDelay(new Socket(host, port));
		}

		@Override
		public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
			return noDelay(new Socket(host, port, localHost, localPort));
		}

		@Override
		public Socket createSocket(InetAddress host, int port) throws IOException {
			return noDelay(new Socket(host, port));
		}

		@Override
		public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
				throws IOException {
			return noDelay(new Socket(address, port, localAddress, localPort));
		}

		private static Socket noDelay(Socket socket) throws IOException {
			socket.setTcpNoDelay(true);
			return socket;
		}

	}

	/**
	 * A message that keeps the {@code Message-ID} it was given: JavaMail would otherwise
	 * make up a new one whenever the message is saved, and receivers could no longer
	 * recognise a retried email as the one they already have.
	 */
	private static final class StableIdMessage extends MimeMessage {

		private final String messageId;

		StableIdMessage(Session session, String messageId) {
			super(session);
			this.messageId = messageId;
		}

		@Override
		protected void updateMessageID() throws MessagingException {
			setHeader("Message-ID", this.messageId);
		}

	}

	/**
	 * A message helper that shares one file type map. The plain helper builds a new one
	 * for every message it is given, reading Spring's {@code mime.types} and looking up
	 * activation providers on the class path each time: costly, in a packaged jar most of
	 * all, and pointless here, since alerts carry no attachments.
	 */
	private static final class SharedFileTypesHelper extends MimeMessageHelper {

		private static final FileTypeMap FILE_TYPES = fileTypes();

		SharedFileTypesHelper(MimeMessage message) throws MessagingException {
			super(message, true, StandardCharsets.UTF_8.name());
		}

		@Override
		protected FileTypeMap getDefaultFileTypeMap(MimeMessage message) {
			return FILE_TYPES;
		}

		private static FileTypeMap fileTypes() {
			ConfigurableMimeFileTypeMap types = new ConfigurableMimeFileTypeMap();
			types.afterPropertiesSet();
			return types;
		}

	}

}
