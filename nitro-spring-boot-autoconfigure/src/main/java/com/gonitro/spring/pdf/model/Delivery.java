package com.gonitro.spring.pdf.model;

import java.net.URI;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

import com.gonitro.spring.client.PrintableUrls;

/**
 * Where Nitro delivers a result instead of keeping it for download (the request's {@code delivery} field): uploaded
 * to your URLs (a pre-signed object-store URL, say), and/or announced to a callback when an asynchronous job is
 * created (not when it finishes).
 *
 * @param uploadResultTo where a single-file result is uploaded
 * @param uploadResultsTo where the files of a multi-file result are uploaded, one URL each
 * @param callback the endpoint told about a new asynchronous job
 * @since 0.1.0
 */
public record Delivery(@Nullable Upload uploadResultTo, @Nullable List<Upload> uploadResultsTo,
		@Nullable Callback callback) {

	/**
	 * Uploads a single-file result to the given URL with {@code PUT}.
	 * @param url the URL
	 * @param headers headers the endpoint needs
	 * @return the delivery
	 */
	public static Delivery uploadTo(URI url, DeliveryHeader... headers) {
		return new Delivery(new Upload(url, "PUT", List.of(headers)), null, null);
	}

	/**
	 * Uploads the files of a multi-file result, one URL each, with {@code PUT}.
	 * @param urls the URLs, in the order of the result's files
	 * @return the delivery
	 */
	public static Delivery uploadEachTo(List<URI> urls) {
		return new Delivery(null, urls.stream().map((url) -> new Upload(url, "PUT", List.of())).toList(), null);
	}

	/**
	 * Returns a copy that also calls the given endpoint when an asynchronous job is created.
	 * @param url the callback endpoint, called with {@code POST}
	 * @param headers headers the endpoint needs
	 * @return the delivery
	 */
	public Delivery withCallback(URI url, DeliveryHeader... headers) {
		return new Delivery(this.uploadResultTo, this.uploadResultsTo, new Callback(url, List.of(headers)));
	}

	/**
	 * Just a callback when an asynchronous job is created.
	 * @param url the callback endpoint
	 * @param headers headers the endpoint needs
	 * @return the delivery
	 */
	public static Delivery callback(URI url, DeliveryHeader... headers) {
		return new Delivery(null, null, new Callback(url, List.of(headers)));
	}

	/**
	 * An upload of a result.
	 *
	 * @param url the URL ({@code URL} on the wire)
	 * @param verb the HTTP method, {@code PUT} by default
	 * @param headers headers the endpoint needs
	 * @since 0.1.0
	 */
	public record Upload(@JsonProperty("URL") URI url, String verb, List<DeliveryHeader> headers) {

		@Override
		public String toString() {
			return "Upload[url=" + PrintableUrls.toString(this.url) + ", verb=" + this.verb + ", headers="
					+ this.headers + "]";
		}

	}

	/**
	 * A callback.
	 *
	 * @param url the URL ({@code URL} on the wire)
	 * @param headers headers the endpoint needs
	 * @since 0.1.0
	 */
	public record Callback(@JsonProperty("URL") URI url, List<DeliveryHeader> headers) {

		@Override
		public String toString() {
			return "Callback[url=" + PrintableUrls.toString(this.url) + ", headers=" + this.headers + "]";
		}

	}

}
