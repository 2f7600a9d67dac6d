package com.gonitro.spring.web;

import java.net.URI;
import java.util.Locale;

import org.springframework.util.Assert;

/**
 * Nitro's origin (scheme, host, port): the only place the access token goes.
 */
record NitroOrigin(String scheme, String host, int port) {

	static NitroOrigin of(URI baseUrl) {
		Assert.isTrue(baseUrl != null && baseUrl.getScheme() != null && baseUrl.getHost() != null,
				"'nitroBaseUrl' must be an absolute URL");
		String scheme = baseUrl.getScheme().toLowerCase(Locale.ROOT);
		return new NitroOrigin(scheme, baseUrl.getHost().toLowerCase(Locale.ROOT), port(baseUrl.getPort(), scheme));
	}

	/** Compares without allocating: this runs for every request. */
	boolean matches(URI url) {
		String scheme = url.getScheme();
		return scheme != null && scheme.equalsIgnoreCase(this.scheme) && this.host.equalsIgnoreCase(url.getHost())
				&& this.port == port(url.getPort(), this.scheme);
	}

	private static int port(int port, String scheme) {
		return (port != -1) ? port : ("https".equals(scheme) ? 443 : 80);
	}

}
