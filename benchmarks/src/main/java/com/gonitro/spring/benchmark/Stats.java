package com.gonitro.spring.benchmark;

import java.util.Arrays;
import java.util.Locale;

/**
 * Medians and quantiles of a benchmark's samples, and the machine line every harness prints first.
 */
final class Stats {

	private Stats() {
	}

	static void printMachine() {
		System.out.printf(Locale.ROOT, "Java %s, %d processors%n", System.getProperty("java.version"),
				Runtime.getRuntime().availableProcessors());
	}

	static double median(double[] values) {
		return quantile(values, 0.5);
	}

	static double quantile(double[] values, double quantile) {
		double[] sorted = values.clone();
		Arrays.sort(sorted);
		return sorted[(int) Math.round(quantile * (sorted.length - 1))];
	}

	static int median(int[] values) {
		int[] sorted = values.clone();
		Arrays.sort(sorted);
		return sorted[sorted.length / 2];
	}

	static long median(long[] values) {
		long[] sorted = values.clone();
		Arrays.sort(sorted);
		return sorted[sorted.length / 2];
	}

}
