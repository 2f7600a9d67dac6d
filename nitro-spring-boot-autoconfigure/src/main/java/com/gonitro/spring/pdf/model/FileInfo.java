package com.gonitro.spring.pdf.model;

import java.net.URI;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

import com.gonitro.spring.client.PrintableUrls;

/**
 * A result file of PDF Services: a pre-signed URL to download it from (without the token), its media type and
 * size.
 *
 * @param url where to download it ({@code URL} on the wire); {@code null} when it was delivered to your own URL
 * @param contentType its media type
 * @param metadata its size and page count
 * @since 0.1.0
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record FileInfo(@JsonProperty("URL") @JsonAlias({ "url", "Url" }) @Nullable URI url,
		@Nullable String contentType, @Nullable Metadata metadata) {

	@Override
	public String toString() {
		return "FileInfo[url=" + PrintableUrls.toString(this.url) + ", contentType=" + this.contentType + ", metadata="
				+ this.metadata + "]";
	}

	/**
	 * The size of a result file.
	 *
	 * @param fileSizeBytes its size in bytes
	 * @param pageCount its number of pages
	 * @since 0.1.0
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	public record Metadata(@Nullable Long fileSizeBytes, @Nullable Integer pageCount) {

	}

}
