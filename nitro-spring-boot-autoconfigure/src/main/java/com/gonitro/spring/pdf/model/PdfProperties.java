package com.gonitro.spring.pdf.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import org.jspecify.annotations.Nullable;

/**
 * A PDF's document properties, the result of {@link PdfRequest#getProperties(PdfInput)}.
 *
 * @param title the title
 * @param author the author
 * @param subject the subject
 * @param keywords the keywords
 * @param creator the application that created it
 * @param producer the software that produced the PDF
 * @param creationDate when it was created, in PDF date format
 * @param modDate when it was last modified, in PDF date format
 * @param trapped its trapped status
 * @since 0.1.0
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PdfProperties(@Nullable String title, @Nullable String author, @Nullable String subject,
		@Nullable String keywords, @Nullable String creator, @Nullable String producer, @Nullable String creationDate,
		@Nullable String modDate, @Nullable String trapped) {

}
