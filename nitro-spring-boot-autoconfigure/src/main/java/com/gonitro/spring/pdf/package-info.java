/**
 * Typed clients for Nitro PDF Services: {@link com.gonitro.spring.pdf.ReactiveNitroPdfClient} and its blocking twin {@link com.gonitro.spring.pdf.NitroPdfClient}.
 */
@NullMarked
package com.gonitro.spring.pdf;

import org.jspecify.annotations.NullMarked;
