/**
 * The Nitro Sign API's request and response models. They ignore unknown fields, map unknown enum values to {@code UNKNOWN}, and read both {@code ID} and {@code id}.
 */
@NullMarked
package com.gonitro.spring.sign.model;

import org.jspecify.annotations.NullMarked;
