/**
 * Pieces shared by the typed Nitro clients: JSON settings, the exception hierarchy, file contents to upload.
 * <p>
 * {@code Blocking}, {@code NitroEnums}, {@code NitroErrors}, {@code NitroIds} and {@code Polling} are support classes
 * for the clients, public only so that their packages can share them: not API, subject to change without notice.
 */
@NullMarked
package com.gonitro.spring.client;

import org.jspecify.annotations.NullMarked;
