package com.gonitro.spring.pdf;

import org.jspecify.annotations.Nullable;

import org.springframework.aot.hint.BindingReflectionHintsRegistrar;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;

import com.gonitro.spring.pdf.model.Delivery;
import com.gonitro.spring.pdf.model.DeliveryHeader;
import com.gonitro.spring.pdf.model.FileInfo;
import com.gonitro.spring.pdf.model.JobStatus;
import com.gonitro.spring.pdf.model.PdfJob;
import com.gonitro.spring.pdf.model.PdfProperties;
import com.gonitro.spring.pdf.model.PdfTables;

/**
 * Lets a native image read and write PDF Services' JSON: Jackson binds these types of
 * {@code com.gonitro.spring.pdf.model} by reflection. The other types of that package never cross the wire as JSON
 * ({@code PdfRequest}, {@code PdfInput} and {@code PdfEndpoint} become multipart parts and plain maps;
 * {@code PdfResult} wraps a {@code JsonNode}), so they need no hints. A type of your own passed to
 * {@link com.gonitro.spring.pdf.model.PdfResult#as(Class)} needs its own, such as
 * {@code @RegisterReflectionForBinding}.
 * <p>
 * Registered in {@code META-INF/spring/aot.factories}, so it applies to any application processed ahead of time
 * with the library on its class path, with or without the auto-configuration.
 */
class NitroPdfRuntimeHints implements RuntimeHintsRegistrar {

	private static final Class<?>[] BOUND_TYPES = { Delivery.class, Delivery.Upload.class, Delivery.Callback.class,
			DeliveryHeader.class, FileInfo.class, FileInfo.Metadata.class, JobStatus.class, PdfJob.class,
			PdfJob.JobError.class, PdfProperties.class, PdfTables.class, PdfTables.Table.class,
			PdfTables.TableData.class };

	@Override
	public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
		new BindingReflectionHintsRegistrar().registerReflectionHints(hints.reflection(), BOUND_TYPES);
	}

}
