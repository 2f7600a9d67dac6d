package com.gonitro.spring.webhook;

import java.io.IOException;
import java.util.Collections;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.util.Assert;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Serves the webhook endpoint in a servlet application: a request whose path (within the context path, as sent)
 * is exactly the endpoint's goes to {@link NitroWebhookHandler} and is answered here; every other request passes
 * on untouched. Placed ahead of Spring Security's filter, it answers Nitro without a login or a CSRF token, as the
 * delivery's signature authenticates it, and leaves every other path to Spring Security as before.
 *
 * @since 0.1.0
 */
public class NitroWebhookServletFilter extends OncePerRequestFilter {

	private final NitroWebhookHandler handler;

	private final String path;

	/**
	 * Creates the filter.
	 * @param handler handles the deliveries
	 * @param path the endpoint's path within the context path, such as {@code /nitro/webhooks}
	 */
	public NitroWebhookServletFilter(NitroWebhookHandler handler, String path) {
		Assert.notNull(handler, "'handler' must not be null");
		Assert.isTrue(path != null && path.startsWith("/"), "'path' must start with '/'");
		this.handler = handler;
		this.path = path;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		String uri = request.getRequestURI();
		String contextPath = request.getContextPath();
		return !(uri.startsWith(contextPath) && uri.substring(contextPath.length()).equals(this.path));
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		HttpHeaders headers = headers(request);
		NitroWebhookResponse answer = this.handler.answerBeforeBody(request.getMethod(), headers);
		if (answer == null) {
			byte[] body = request.getInputStream().readNBytes(this.handler.getMaxBodySize() + 1);
			answer = this.handler.handle(new NitroWebhookRequest(request.getMethod(), request.getRequestURI(),
					headers, body));
		}
		response.setStatus(answer.status().value());
		answer.headers().forEach((name, values) -> values.forEach((value) -> response.addHeader(name, value)));
		response.setContentLength(0);
	}

	private static HttpHeaders headers(HttpServletRequest request) {
		HttpHeaders headers = new HttpHeaders();
		for (String name : Collections.list(request.getHeaderNames())) {
			for (String value : Collections.list(request.getHeaders(name))) {
				headers.add(name, value);
			}
		}
		return headers;
	}

}
