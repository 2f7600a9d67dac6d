/**
 * The entry point to Nitro without Spring Boot: {@link com.gonitro.spring.NitroClient#builder()} assembles the
 * clients of a Nitro application; {@link com.gonitro.spring.NitroClients} holds those of several applications and
 * tenants.
 */
@NullMarked
package com.gonitro.spring;

import org.jspecify.annotations.NullMarked;
