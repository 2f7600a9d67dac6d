/**
 * Nitro's OAuth 2.0 token dialect for Spring Security, and the application-wide token cache.
 * <p>
 * Nitro's token endpoint takes JSON ({@code {"clientID","clientSecret"}}) and answers
 * {@code {"accessToken","tokenType","expiresIn"}}, which Spring Security's form-post clients cannot speak.
 * {@link com.gonitro.spring.oauth.NitroReactiveTokenResponseClient} and
 * {@link com.gonitro.spring.oauth.NitroTokenResponseClient} speak it;
 * {@link com.gonitro.spring.oauth.NitroAccessTokenCache} holds the one token an application needs.
 */
@NullMarked
package com.gonitro.spring.oauth;

import org.jspecify.annotations.NullMarked;
