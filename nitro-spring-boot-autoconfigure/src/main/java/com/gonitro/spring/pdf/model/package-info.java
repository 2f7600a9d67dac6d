/**
 * Nitro PDF Services requests, results and jobs.
 */
@NullMarked
package com.gonitro.spring.pdf.model;

import org.jspecify.annotations.NullMarked;
