package dev.policypulse.ingestion.net;

import java.net.InetAddress;
import java.net.URI;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;

class TargetPolicyTests {

	@ParameterizedTest
	@CsvSource(delimiter = '|',
			textBlock = """
					http://127.0.0.1/feed                      | address 127.0.0.1 is not on the public internet
					http://127.8.9.10/feed                     | address 127.8.9.10 is not on the public internet
							http://10.0.0.1/feed                       | address 10.0.0.1 is not on the public internet
					http://172.16.5.4/feed                     | address 172.16.5.4 is not on the public internet
					http://192.168.1.1/feed                    | address 192.168.1.1 is not on the public internet
					http://169.254.169.254/latest/meta-data/   | address 169.254.169.254 is not on the public internet
					http://100.64.0.1/feed                     | address 100.64.0.1 is not on the public internet
					http://0.0.0.0/feed                        | address 0.0.0.0 is not on the public internet
					http://0.1.2.3/feed                        | address 0.1.2.3 is not on the public internet
					http://198.18.0.1/feed                     | address 198.18.0.1 is not on the public internet
					http://192.0.0.8/feed                      | address 192.0.0.8 is not on the public internet
					http://192.0.2.10/feed                     | address 192.0.2.10 is not on the public internet
					http://203.0.113.7/feed                    | address 203.0.113.7 is not on the public internet
					http://224.0.0.1/feed                      | address 224.0.0.1 is not on the public internet
					http://255.255.255.255/feed                | address 255.255.255.255 is not on the public internet
					http://[::1]/feed                          | address 0:0:0:0:0:0:0:1 is not on the public internet
					http://[::]/feed                           | address 0:0:0:0:0:0:0:0 is not on the public internet
					http://[::ffff:127.0.0.1]/feed             | address 127.0.0.1 is not on the public internet
					http://[::ffff:7f00:1]/feed                | address 127.0.0.1 is not on the public internet
					http://[::127.0.0.1]/feed                  | address 0:0:0:0:0:0:7f00:1 is not on the public internet
					http://[fe80::1]/feed                      | address fe80:0:0:0:0:0:0:1 is not on the public internet
					http://[fc00::1]/feed                      | address fc00:0:0:0:0:0:0:1 is not on the public internet
					http://[fd00:ec2::254]/feed                | address fd00:ec2:0:0:0:0:0:254 is not on the public internet
					http://[fec0::1]/feed                      | address fec0:0:0:0:0:0:0:1 is not on the public internet
					http://[ff02::1]/feed                      | address ff02:0:0:0:0:0:0:1 is not on the public internet
					http://[64:ff9b::a00:1]/feed               | address 64:ff9b:0:0:0:0:a00:1 is not on the public internet
					http://[64:ff9b:1::808:808]/feed           | address 64:ff9b:1:0:0:0:808:808 is not on the public internet
					http://[2002:7f00:1::]/feed                | address 2002:7f00:1:0:0:0:0:0 is not on the public internet
					http://[2001:0:4136:e378:8000:63bf:80ff:fffe]/ | address 2001:0:4136:e378:8000:63bf:80ff:fffe is not on the public internet
					http://[2001:db8::1]/feed                  | address 2001:db8:0:0:0:0:0:1 is not on the public internet
					http://[100::1]/feed                       | address 100:0:0:0:0:0:0:1 is not on the public internet
					http://localhost/feed                      | host localhost is on a local network
					http://LOCALHOST:8080/feed                 | host LOCALHOST is on a local network
					http://localhost./feed                     | host localhost. is on a local network
					http://api.localhost/feed                  | host api.localhost is on a local network
					http://printer.local/feed                  | host printer.local is on a local network
					http://metadata.google.internal/feed       | host metadata.google.internal is on a local network
					http://2130706433/feed                     | host 2130706433 is a numeric address in an ambiguous notation
					http://0x7f000001/feed                     | host 0x7f000001 is a numeric address in an ambiguous notation
					http://017700000001/feed                   | host 017700000001 is a numeric address in an ambiguous notation
					http://0177.0.0.1/feed                     | host 0177.0.0.1 is a numeric address in an ambiguous notation
					http://0x7f.0.0.1/feed                     | the URL has no host
					http://127.1/feed                          | the URL has no host
					http://10.1/feed                           | the URL has no host
					""")
	void refusesPrivateAndAmbiguousHostsWithoutTheAllowance(String url, String reason) {
		assertThatExceptionOfType(RefusedTargetException.class)
			.isThrownBy(() -> TargetPolicy.checkUrl(URI.create(url), false))
			.withMessage(reason);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			file:///etc/passwd                  | only http and https URLs are fetched, not 'file:'
			ftp://ftp.example.org/feed.xml      | only http and https URLs are fetched, not 'ftp:'
			gopher://127.0.0.1:25/_HELO         | only http and https URLs are fetched, not 'gopher:'
			jar:http://example.org/a.jar!/x     | only http and https URLs are fetched, not 'jar:'
			data:text/xml,%3Crss/%3E            | only http and https URLs are fetched, not 'data:'
			/relative/feed.xml                  | the URL is not absolute
			http:///feed                        | the URL has no host
			http://user:secret@example.org/feed | URLs with user information are not fetched
			http://a_b.example.org/feed         | the URL has no host
			http://127.0.0.1%2e/feed            | the URL has no host
			""")
	void refusesBadSchemesAndHostsEvenWithTheAllowance(String url, String reason) {
		assertThatExceptionOfType(RefusedTargetException.class)
			.isThrownBy(() -> TargetPolicy.checkUrl(URI.create(url), true))
			.withMessage(reason);
	}

	@ParameterizedTest
	@ValueSource(strings = { "https://regulator.example/feed.xml", "http://8.8.8.8/feed",
			"https://93.184.216.34:8443/a", "https://[2606:4700:4700::1111]/feed", "https://EXAMPLE.org./feed",
			"https://127.0.0.1.example.org/feed", "https://xn--bcher-kva.example/feed" })
	void allowsPublicHosts(String url) {
		assertThatNoException().isThrownBy(() -> TargetPolicy.checkUrl(URI.create(url), false));
	}

	@ParameterizedTest
	@ValueSource(strings = { "http://127.0.0.1:8086/demo/feed.xml", "http://localhost/feed", "http://10.0.0.1/feed",
			"http://[::1]:8080/feed", "http://printer.local/feed" })
	void allowsPrivateHostsWithTheAllowance(String url) {
		assertThatNoException().isThrownBy(() -> TargetPolicy.checkUrl(URI.create(url), true));
	}

	@Test
	void refusesANameThatResolvesToThisMachine() {
		assertThatExceptionOfType(RefusedTargetException.class)
			.isThrownBy(() -> TargetPolicy.resolve("localhost", false))
			.withMessageEndingWith("is not on the public internet");
		assertThatExceptionOfType(RefusedTargetException.class).isThrownBy(() -> TargetPolicy.resolve("[::1]", false))
			.withMessage("address 0:0:0:0:0:0:0:1 is not on the public internet");
		assertThatExceptionOfType(RefusedTargetException.class).isThrownBy(() -> TargetPolicy.resolve("", false))
			.withMessage("the URL has no host");
	}

	@Test
	void resolvesANameToThisMachineWithTheAllowance() throws Exception {
		assertThat(TargetPolicy.resolve("localhost", true)).isNotEmpty().allMatch(InetAddress::isLoopbackAddress);
	}

	@Test
	void judgesTheIpv4AddressInsideIpv6Addresses() throws Exception {
		assertThatExceptionOfType(RefusedTargetException.class)
			.isThrownBy(() -> TargetPolicy.checkAddress(InetAddress.getByName("::ffff:a9fe:a9fe")))
			.withMessage("address 169.254.169.254 is not on the public internet");
		assertThatNoException().isThrownBy(() -> TargetPolicy.checkAddress(InetAddress.getByName("64:ff9b::808:808")));
		assertThatNoException().isThrownBy(() -> TargetPolicy.checkAddress(InetAddress.getByName("2002:808:808::1")));
	}

}
