package com.gonitro.spring.pdf.model;

/**
 * A header Nitro sends to a delivery or callback endpoint.
 *
 * @param name the header's name
 * @param value its value
 * @since 0.1.0
 */
public record DeliveryHeader(String name, String value) {

	@Override
	public String toString() {
		return "DeliveryHeader[name=" + this.name + ", value=******]";
	}

}
