package com.gonitro.spring.sign;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link Pages} fetches a page only when its reader gets that far, as a {@code Flux} (by demand) and as an
 * {@code Iterator} (by {@code hasNext()}).
 */
class PagesTests {

	private static final Map<String, Page> PAGES = Map.of("first", new Page(List.of("a", "b"), "second"), "second",
			new Page(List.of("c", "d"), "third"), "third", new Page(List.of("e"), null));

	private final List<String> fetched = new ArrayList<>();

	@Test
	void fluxFetchesTheNextPageOnlyWhenDemandReachesIt() {
		Pages<Page, String> pages = pages();

		StepVerifier.create(pages.flux(), 0).thenRequest(2).expectNext("a", "b").thenCancel().verify();
		assertThat(this.fetched).containsExactly("first");

		this.fetched.clear();
		StepVerifier.create(pages.flux(), 0).thenRequest(3).expectNext("a", "b", "c").thenCancel().verify();
		assertThat(this.fetched).containsExactly("first", "second");
	}

	@Test
	void fluxReadToTheEndFollowsEveryCursorOnce() {
		assertThat(pages().flux().collectList().block()).containsExactly("a", "b", "c", "d", "e");
		assertThat(this.fetched).containsExactly("first", "second", "third");
	}

	@Test
	void iteratorFetchesTheNextPageOnlyWhenHasNextNeedsIt() {
		Iterator<String> items = pages().iterator();

		assertThat(this.fetched).isEmpty();
		assertThat(items.next()).isEqualTo("a");
		assertThat(items.next()).isEqualTo("b");
		assertThat(this.fetched).containsExactly("first");
		assertThat(items.next()).isEqualTo("c");
		assertThat(this.fetched).containsExactly("first", "second");
	}

	@Test
	void iteratorReadToTheEndFollowsEveryCursorOnce() {
		List<String> items = new ArrayList<>();
		pages().iterator().forEachRemaining(items::add);

		assertThat(items).containsExactly("a", "b", "c", "d", "e");
		assertThat(this.fetched).containsExactly("first", "second", "third");
	}

	@Test
	void anEmptyReplyEndsTheList() {
		Pages<Page, String> pages = new Pages<>((cursor) -> Mono.empty(), Page::items, Page::next);

		assertThat(pages.flux().collectList().block()).isEmpty();
		assertThat(pages.iterator().hasNext()).isFalse();
	}

	@Test
	void aFailedPageFailsTheListAfterTheItemsAlreadyRead() {
		Pages<Page, String> pages = new Pages<>(
				(cursor) -> (cursor == null) ? Mono.just(PAGES.get("first")) : Mono.error(new IOException("page lost")),
				Page::items, Page::next);

		StepVerifier.create(pages.flux()).expectNext("a", "b").expectErrorMessage("page lost").verify();
		Iterator<String> items = pages.iterator();
		assertThat(items.next()).isEqualTo("a");
		assertThat(items.next()).isEqualTo("b");
		assertThatExceptionOfType(RuntimeException.class).isThrownBy(items::hasNext).withRootCauseInstanceOf(IOException.class);
	}

	@Test
	void cancellingTheFluxCancelsThePageRequestInFlight() {
		AtomicBoolean cancelled = new AtomicBoolean();
		Pages<Page, String> pages = new Pages<>((cursor) -> Mono.<Page>never().doOnCancel(() -> cancelled.set(true)),
				Page::items, Page::next);

		pages.flux().subscribe().dispose();

		assertThat(cancelled).isTrue();
	}

	private Pages<Page, String> pages() {
		return new Pages<>((cursor) -> {
			String page = (cursor != null) ? cursor : "first";
			return Mono.fromSupplier(() -> {
				this.fetched.add(page);
				return PAGES.get(page);
			});
		}, Page::items, Page::next);
	}

	record Page(List<String> items, @Nullable String next) {

	}

}
