/**
 * Micrometer meters for the starter's own work: replays and the held token's expiry.
 */
@NullMarked
package com.gonitro.spring.micrometer;

import org.jspecify.annotations.NullMarked;
