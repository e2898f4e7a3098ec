package dev.policypulse.ingestion.net;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Which URLs ingestion may fetch, against server-side request forgery: only http and
 * https, and only hosts on the public internet. A source trusted by its operator may be
 * allowed private addresses explicitly (the local demo feed is one); the scheme rule
 * holds for every source.
 * <p>
 * Two checks, for two moments. {@link #checkUrl(URI, boolean)} needs no DNS and runs when
 * a source is registered and on every redirect: it refuses bad schemes and hosts that are
 * a literal address of a refused kind, in any notation. {@link #resolve(String, boolean)}
 * runs before every request and every redirect hop: it resolves the host and refuses it
 * if any of its addresses is refused, so a name that points inside by the time of a fetch
 * is refused at that fetch.
 * <p>
 * What this does not close: the HTTP client looks the name up again when it connects, and
 * connects to whatever that lookup returns. Both lookups go through the JVM's DNS cache
 * ({@code networkaddress.cache.ttl}, 30 s by default), so the client normally gets the
 * addresses just checked; but if the cached entry expires between the check and the
 * connection, a name whose DNS answers change (DNS rebinding) can be connected to a
 * refused address. With {@code networkaddress.cache.ttl=0} nothing is cached and every
 * connection makes its own, unchecked lookup. Pinning the connection to the checked
 * address, or an egress firewall, is what would close the gap.
 */
public final class TargetPolicy {

	private static final Pattern DOTTED_QUAD = Pattern
		.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");

	private TargetPolicy() {
	}

	/**
	 * Checks a URL without resolving its host.
	 * @param url the URL
	 * @param allowPrivateNetwork whether private, loopback and link-local hosts are
	 * allowed
	 * @throws RefusedTargetException with the reason, if the URL is refused
	 */
	public static void checkUrl(URI url, boolean allowPrivateNetwork) throws RefusedTargetException {
		if (url.getScheme() == null) {
			throw new RefusedTargetException("the URL is not absolute");
		}
		String scheme = url.getScheme().toLowerCase(Locale.ROOT);
		if (!scheme.equals("http") && !scheme.equals("https")) {
			throw new RefusedTargetException("only http and https URLs are fetched, not '" + scheme + ":'");
		}
		String host = url.getHost();
		if (host == null || host.isEmpty()) {
			throw new RefusedTargetException("the URL has no host");
		}
		if (url.getRawUserInfo() != null) {
			throw new RefusedTargetException("URLs with user information are not fetched");
		}
		if (allowPrivateNetwork) {
			return;
		}
		String bare = (host.startsWith("[") && host.endsWith("]")) ? host.substring(1, host.length() - 1) : host;
		// "localhost." is the same name as "localhost": a fully qualified name may end
		// in a dot.
		String lower = withoutTrailingDots(bare).toLowerCase(Locale.ROOT);
		if (lower.isEmpty()) {
			throw new RefusedTargetException("the URL has no host");
		}
		if (lower.equals("localhost") || lower.endsWith(".localhost") || lower.endsWith(".local")
				|| lower.endsWith(".internal")) {
			throw new RefusedTargetException("host " + host + " is on a local network");
		}
		if (bare.contains(":")) {
			checkAddress(literal(bare));
		}
		else if (DOTTED_QUAD.matcher(lower).matches()) {
			checkAddress(literal(lower));
		}
		else if (lastLabelIsNumeric(bare)) {
			// 2130706433, 0x7f.1, 0177.0.0.1: resolvers disagree on what such hosts mean,
			// so they are refused rather than interpreted.
			throw new RefusedTargetException("host " + host + " is a numeric address in an ambiguous notation");
		}
	}

	/**
	 * Resolves a host and checks every address it has.
	 * @param host the host name or literal address
	 * @param allowPrivateNetwork whether private, loopback and link-local addresses are
	 * allowed
	 * @return the addresses, all allowed
	 * @throws RefusedTargetException if any address is refused
	 * @throws UnknownHostException if the host does not resolve
	 */
	public static List<InetAddress> resolve(String host, boolean allowPrivateNetwork)
			throws RefusedTargetException, UnknownHostException {
		if (host == null || host.isBlank()) {
			// An empty name would resolve to this machine.
			throw new RefusedTargetException("the URL has no host");
		}
		String bare = (host.startsWith("[") && host.endsWith("]")) ? host.substring(1, host.length() - 1) : host;
		List<InetAddress> addresses = List.of(InetAddress.getAllByName(bare));
		if (!allowPrivateNetwork) {
			for (InetAddress address : addresses) {
				checkAddress(address);
			}
		}
		return addresses;
	}

	/**
	 * Refuses an address of this machine, of a private, shared, link-local or multicast
	 * network, or one reserved for special use (cloud metadata services live at
	 * link-local {@code 169.254.169.254} and {@code fd00:ec2::254}).
	 * @param address the address
	 * @throws RefusedTargetException if it is refused
	 */
	public static void checkAddress(InetAddress address) throws RefusedTargetException {
		InetAddress effective = embeddedIpv4(address);
		if (effective.isLoopbackAddress() || effective.isAnyLocalAddress() || effective.isLinkLocalAddress()
				|| effective.isSiteLocalAddress() || effective.isMulticastAddress() || isSpecialUse(effective)) {
			throw new RefusedTargetException("address " + address.getHostAddress() + " is not on the public internet");
		}
	}

	private static boolean isSpecialUse(InetAddress address) {
		byte[] b = address.getAddress();
		if (address instanceof Inet4Address) {
			int first = b[0] & 0xff;
			int second = b[1] & 0xff;
			return first == 0 // "this network"
					|| (first == 100 && second >= 64 && second <= 127) // shared (CGNAT)
					|| (first == 192 && second == 0 && (b[2] & 0xff) == 0) // IETF
																			// protocol
					|| (first == 198 && (second == 18 || second == 19)) // benchmarking
					|| (first == 192 && second == 0 && (b[2] & 0xff) == 2) // documentation
					|| (first == 198 && second == 51 && (b[2] & 0xff) == 100) // documentation
					|| (first == 203 && second == 0 && (b[2] & 0xff) == 113) // documentation
					|| (first == 192 && second == 88 && (b[2] & 0xff) == 99) // 6to4 relay
					|| first >= 240; // reserved and broadcast
		}
		int first = b[0] & 0xff;
		return (first & 0xfe) == 0xfc // unique local fc00::/7
				|| (first == 0xfe && (b[1] & 0xc0) == 0xc0) // site local fec0::/10
				|| (first == 0x20 && (b[1] & 0xff) == 0x01 && (b[2] & 0xff) == 0x0d && (b[3] & 0xff) == 0xb8) // doc
				|| (first == 0x01 && isZero(b, 1, 8)) // discard-only 100::/64
				|| (first == 0x00 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b
						&& (b[4] & 0xff) == 0x00 && (b[5] & 0xff) == 0x01); // local NAT64
																			// 64:ff9b:1::/48
	}

	private static boolean isZero(byte[] bytes, int from, int to) {
		for (int i = from; i < to; i++) {
			if (bytes[i] != 0) {
				return false;
			}
		}
		return true;
	}

	/**
	 * The IPv4 address inside an IPv4-mapped, IPv4-compatible, NAT64, 6to4 or Teredo IPv6
	 * address, so that {@code ::ffff:127.0.0.1} is judged as {@code 127.0.0.1}.
	 */
	private static InetAddress embeddedIpv4(InetAddress address) {
		if (!(address instanceof Inet6Address)) {
			return address;
		}
		byte[] b = address.getAddress();
		try {
			boolean zeroPrefix = true;
			for (int i = 0; i < 10; i++) {
				zeroPrefix &= b[i] == 0;
			}
			if (zeroPrefix && ((b[10] == (byte) 0xff && b[11] == (byte) 0xff) || (b[10] == 0 && b[11] == 0))) {
				byte[] v4 = { b[12], b[13], b[14], b[15] };
				if (b[10] == 0 && v4[0] == 0 && v4[1] == 0 && v4[2] == 0) {
					return address; // :: and ::1 themselves
				}
				return InetAddress.getByAddress(v4);
			}
			if (b[0] == 0x00 && b[1] == 0x64 && b[2] == (byte) 0xff && b[3] == (byte) 0x9b && isZero(b, 4, 12)) {
				// the well-known NAT64 prefix 64:ff9b::/96
				return InetAddress.getByAddress(new byte[] { b[12], b[13], b[14], b[15] });
			}
			if (b[0] == 0x20 && b[1] == 0x02) { // 2002::/16
				return InetAddress.getByAddress(new byte[] { b[2], b[3], b[4], b[5] });
			}
			if (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0 && b[3] == 0) {
				// Teredo 2001::/32 stores the client's address inverted in the last
				// four bytes.
				return InetAddress
					.getByAddress(new byte[] { (byte) ~b[12], (byte) ~b[13], (byte) ~b[14], (byte) ~b[15] });
			}
		}
		catch (UnknownHostException ex) {
			throw new IllegalStateException(ex);
		}
		return address;
	}

	private static InetAddress literal(String host) throws RefusedTargetException {
		try {
			// A literal address is parsed without any DNS lookup.
			return InetAddress.getByName(host);
		}
		catch (UnknownHostException ex) {
			throw new RefusedTargetException("host " + host + " is not a valid address");
		}
	}

	private static String withoutTrailingDots(String host) {
		int end = host.length();
		while (end > 0 && host.charAt(end - 1) == '.') {
			end--;
		}
		return host.substring(0, end);
	}

	private static boolean lastLabelIsNumeric(String host) {
		String trimmed = withoutTrailingDots(host);
		String last = trimmed.substring(trimmed.lastIndexOf('.') + 1);
		return last.matches("(?i)(0x[0-9a-f]*|[0-9]+)");
	}

}
