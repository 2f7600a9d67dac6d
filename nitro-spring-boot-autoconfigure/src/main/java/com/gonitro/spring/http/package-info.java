/**
 * HTTP plumbing shared by the token client and the API filter.
 */
@NullMarked
package com.gonitro.spring.http;

import org.jspecify.annotations.NullMarked;
