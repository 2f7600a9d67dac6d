package com.gonitro.spring.sign;

import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;
import reactor.core.publisher.Mono;

import com.gonitro.spring.client.NitroUnexpectedResponseException;

/**
 * Reads cursor-paged lists lazily: the next page is requested only when the caller asks for an item beyond those
 * already fetched, so reading the first few items costs one request, whatever the number of pages.
 * <p>
 * A page that names a cursor already followed would make the list go round for ever, requesting page after page:
 * it ends the list with a {@link NitroUnexpectedResponseException} instead.
 *
 * @param <P> the page type
 * @param <T> the item type
 */
final class Pages<P, T> {

	private final Function<@Nullable String, Mono<P>> fetch;

	private final Function<P, List<T>> items;

	private final Function<P, @Nullable String> nextCursor;

	/**
	 * Describes a paged list.
	 * @param fetch fetches the page at a cursor ({@code null} for the first page)
	 * @param items the items of a page
	 * @param nextCursor the cursor of the page after a page, or {@code null} on the last page
	 */
	Pages(Function<@Nullable String, Mono<P>> fetch, Function<P, List<T>> items,
			Function<P, @Nullable String> nextCursor) {
		this.fetch = fetch;
		this.items = items;
		this.nextCursor = nextCursor;
	}

	/**
	 * Returns the cursor of the page after the given one, remembering it among those followed.
	 * @return the cursor, or {@code null} on the last page
	 * @throws NitroUnexpectedResponseException if the cursor was followed before
	 */
	private @Nullable String cursorAfter(P page, Set<String> followed) {
		String next = this.nextCursor.apply(page);
		if (next != null && !followed.add(next)) {
			throw new NitroUnexpectedResponseException(
					"Nitro's reply names a page cursor it named before: the pages would never end");
		}
		return next;
	}

	/**
	 * Returns the items as a {@code Flux} that fetches a page only when its subscriber's demand reaches it.
	 * @return the items
	 */
	Flux<T> flux() {
		return Flux.create((sink) -> new Emitter(sink).drain());
	}

	/**
	 * Returns the items as an iterator that fetches a page, blocking, only when {@code hasNext()} needs it.
	 * @return the items
	 */
	Iterator<T> iterator() {
		return new PageIterator();
	}

	private final class Emitter {

		private final FluxSink<T> sink;

		private final Queue<T> fetched = new ConcurrentLinkedQueue<>();

		private final Set<String> followed = ConcurrentHashMap.newKeySet();

		private final AtomicInteger wip = new AtomicInteger();

		private volatile @Nullable String cursor;

		private volatile boolean lastPage;

		private volatile boolean fetching;

		private volatile @Nullable Throwable error;

		private volatile @Nullable Disposable inFlight;

		Emitter(FluxSink<T> sink) {
			this.sink = sink;
			sink.onRequest((n) -> drain());
			sink.onDispose(() -> {
				Disposable request = this.inFlight;
				if (request != null) {
					request.dispose();
				}
			});
		}

		void drain() {
			if (this.wip.getAndIncrement() != 0) {
				return;
			}
			int missed = 1;
			do {
				while (this.sink.requestedFromDownstream() > 0 && !this.sink.isCancelled()) {
					T item = this.fetched.poll();
					if (item == null) {
						break;
					}
					this.sink.next(item);
				}
				if (this.sink.isCancelled()) {
					return;
				}
				if (this.fetched.isEmpty()) {
					Throwable failure = this.error;
					if (failure != null) {
						this.sink.error(failure);
						return;
					}
					if (this.lastPage) {
						this.sink.complete();
						return;
					}
					if (!this.fetching && this.sink.requestedFromDownstream() > 0) {
						this.fetching = true;
						this.inFlight = Pages.this.fetch.apply(this.cursor)
							.map(Optional::of)
							.defaultIfEmpty(Optional.empty())
							.subscribe((page) -> page.ifPresentOrElse(this::onPage, this::onEmpty), this::onError);
					}
				}
				missed = this.wip.addAndGet(-missed);
			}
			while (missed != 0);
		}

		private void onPage(P page) {
			this.fetched.addAll(Pages.this.items.apply(page));
			try {
				this.cursor = cursorAfter(page, this.followed);
			}
			catch (NitroUnexpectedResponseException ex) {
				onError(ex);
				return;
			}
			this.lastPage = this.cursor == null;
			this.fetching = false;
			drain();
		}

		private void onError(Throwable failure) {
			this.error = failure;
			this.fetching = false;
			drain();
		}

		private void onEmpty() {
			this.lastPage = true;
			this.fetching = false;
			drain();
		}

	}

	private final class PageIterator implements Iterator<T> {

		private Iterator<T> current = List.<T>of().iterator();

		private @Nullable String cursor;

		private boolean lastPage;

		private final Set<String> followed = new HashSet<>();

		@Override
		public boolean hasNext() {
			while (!this.current.hasNext() && !this.lastPage) {
				P page = Pages.this.fetch.apply(this.cursor).block();
				if (page == null) {
					this.lastPage = true;
					break;
				}
				this.current = Pages.this.items.apply(page).iterator();
				this.cursor = cursorAfter(page, this.followed);
				this.lastPage = this.cursor == null;
			}
			return this.current.hasNext();
		}

		@Override
		public T next() {
			if (!hasNext()) {
				throw new NoSuchElementException();
			}
			return this.current.next();
		}

	}

}
