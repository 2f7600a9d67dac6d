package com.gonitro.spring.client;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;

/**
 * URLs as they may be printed in a message, a log line or a {@code toString()}: without their user info, query and
 * fragment, which may be credentials (the signature of a pre-signed object-store URL is in its query).
 * <p>
 * <strong>Support class for the typed clients and their models, public only so that their packages can share it:
 * not API, subject to change without notice.</strong>
 *
 * @since 0.1.0
 */
public final class PrintableUrls {

	private PrintableUrls() {
	}

	/**
	 * Returns the URL without its user info, query and fragment.
	 * @param url the URL
	 * @return the URL with its scheme, host, port and path (as sent) only, the URL itself when it has nothing else;
	 * {@code about:invalid} for a URL without a host that has any of them
	 */
	public static URI withoutCredentials(URI url) {
		if (url.getRawUserInfo() == null && url.getRawQuery() == null && url.getRawFragment() == null) {
			return url;
		}
		if (url.getScheme() == null || url.getHost() == null) {
			return URI.create("about:invalid");
		}
		return URI.create(url.getScheme() + "://" + url.getHost() + ((url.getPort() != -1) ? ":" + url.getPort() : "")
				+ ((url.getRawPath() != null) ? url.getRawPath() : ""));
	}

	/**
	 * Returns the URL for printing: without its user info, query and fragment, with {@code ?…} where it had a
	 * query.
	 * @param url the URL, or {@code null}
	 * @return the text to print
	 */
	public static String toString(@Nullable URI url) {
		if (url == null) {
			return "null";
		}
		return withoutCredentials(url) + ((url.getRawQuery() != null) ? "?…" : "");
	}

	/**
	 * Returns JSON for printing: every string in it that is an absolute URL printed as {@link #toString(URI)} does.
	 * @param json the JSON, which is not changed
	 * @return the text to print
	 */
	public static String toString(@Nullable JsonNode json) {
		return (json != null) ? printable(json).toString() : "null";
	}

	private static JsonNode printable(JsonNode json) {
		if (json instanceof ObjectNode object) {
			ObjectNode copy = object.objectNode();
			for (Map.Entry<String, JsonNode> member : object.properties()) {
				copy.set(member.getKey(), printable(member.getValue()));
			}
			return copy;
		}
		if (json instanceof ArrayNode array) {
			ArrayNode copy = array.arrayNode(array.size());
			array.forEach((element) -> copy.add(printable(element)));
			return copy;
		}
		if (json.isString()) {
			URI url = absoluteUrl(json.asString());
			return (url != null) ? StringNode.valueOf(toString(url)) : json;
		}
		return json;
	}

	private static @Nullable URI absoluteUrl(String text) {
		try {
			URI url = new URI(text);
			return (url.getScheme() != null && url.getHost() != null) ? url : null;
		}
		catch (URISyntaxException ex) {
			return null;
		}
	}

}
