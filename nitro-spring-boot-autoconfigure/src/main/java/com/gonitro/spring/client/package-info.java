/**
 * Pieces shared by the typed Nitro clients: JSON settings, the exception hierarchy, file contents to upload.
 */
@NullMarked
package com.gonitro.spring.client;

import org.jspecify.annotations.NullMarked;
