package com.gonitro.spring.standin;

import java.net.URI;
import java.time.Duration;

import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.WebClient;

import com.gonitro.spring.oauth.NitroAccessTokenCache;
import com.gonitro.spring.oauth.NitroClientRegistration;
import com.gonitro.spring.oauth.NitroReactiveTokenResponseClient;
import com.gonitro.spring.pdf.NitroPdfClient;
import com.gonitro.spring.pdf.ReactiveNitroPdfClient;
import com.gonitro.spring.sign.NitroSignClient;
import com.gonitro.spring.sign.ReactiveNitroSignClient;
import com.gonitro.spring.web.NitroExchangeFilterFunction;

/**
 * The starter's clients, assembled by hand (as an application without Boot would) for a stand-in, with an
 * {@link OpenApiRecorder} innermost so that it sees every reply, retried ones included.
 */
final class StandInClients {

	final NitroStandIn standIn;

	final OpenApiRecorder recorder;

	final NitroAccessTokenCache tokens;

	final WebClient webClient;

	StandInClients(NitroStandIn standIn) {
		this.standIn = standIn;
		this.recorder = new OpenApiRecorder(standIn.baseUrl());
		this.tokens = new NitroAccessTokenCache(
				() -> NitroClientRegistration.create(standIn.clientId(), standIn.clientSecret(), standIn.tokenUri()),
				new NitroReactiveTokenResponseClient());
		ExchangeFilterFunction nitro = new NitroExchangeFilterFunction(this.tokens, URI.create(standIn.baseUrl()));
		this.webClient = WebClient.builder().baseUrl(standIn.baseUrl()).filter(nitro).filter(this.recorder).build();
	}

	ReactiveNitroSignClient reactiveSign() {
		ReactiveNitroSignClient client = new ReactiveNitroSignClient(this.webClient);
		client.setDocumentPolling(Duration.ofMillis(50), Duration.ofMillis(200));
		client.setEnvelopePolling(Duration.ofMillis(50), Duration.ofMillis(200));
		return client;
	}

	NitroSignClient sign() {
		return new NitroSignClient(reactiveSign());
	}

	ReactiveNitroPdfClient reactivePdf() {
		ReactiveNitroPdfClient client = new ReactiveNitroPdfClient(this.webClient);
		client.setJobPolling(Duration.ofMillis(50), Duration.ofMillis(200));
		client.setJobTimeout(Duration.ofSeconds(30));
		return client;
	}

	NitroPdfClient pdf() {
		return new NitroPdfClient(reactivePdf());
	}

}
