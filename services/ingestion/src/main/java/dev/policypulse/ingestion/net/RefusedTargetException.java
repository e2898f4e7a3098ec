package dev.policypulse.ingestion.net;

/**
 * A URL or address that PolicyPulse will not fetch from: a scheme other than http(s), or
 * a host that is, or resolves to, an address of this machine or of a private network.
 */
public class RefusedTargetException extends Exception {

	public RefusedTargetException(String message) {
		super(message);
	}

}
