package com.gonitro.spring.sign.model;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import tools.jackson.databind.JsonNode;

import org.springframework.util.Assert;

/**
 * Where a field sits on its page, in PDF points: {@code [x, y, width, height]} on the wire, {@code x, y} being the
 * top-left corner.
 *
 * @param x the left edge
 * @param y the top edge
 * @param width the width
 * @param height the height
 * @since 0.1.0
 */
public record BoundingBox(double x, double y, double width, double height) {

	/**
	 * Creates a bounding box.
	 */
	public BoundingBox {
		Assert.isTrue(width >= 0 && height >= 0, "A bounding box cannot have a negative width or height");
	}

	/**
	 * A bounding box.
	 * @param x the left edge
	 * @param y the top edge
	 * @param width the width
	 * @param height the height
	 * @return the bounding box
	 */
	public static BoundingBox of(double x, double y, double width, double height) {
		return new BoundingBox(x, y, width, height);
	}

	/**
	 * Reads {@code [x, y, w, h]}, also when Nitro writes it as a string such as {@code "[100, 200, 150, 50]"}.
	 */
	@JsonCreator
	static BoundingBox fromJson(JsonNode json) {
		List<Double> values = new ArrayList<>(4);
		if (json.isArray()) {
			json.forEach((value) -> values.add(value.asDouble()));
		}
		else if (json.isString()) {
			for (String value : json.asString().replaceAll("[\\[\\]\\s]", "").split(",")) {
				if (!value.isEmpty()) {
					values.add(Double.parseDouble(value));
				}
			}
		}
		Assert.isTrue(values.size() == 4, () -> "A bounding box has 4 numbers, [x, y, w, h], not " + json);
		return new BoundingBox(values.get(0), values.get(1), values.get(2), values.get(3));
	}

	@JsonValue
	double[] toJson() {
		return new double[] { this.x, this.y, this.width, this.height };
	}

}
