package com.gonitro.spring.standin;

import java.time.Duration;

import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.ExchangeFunction;
import org.springframework.web.reactive.function.client.ExchangeFunctions;
import org.springframework.web.reactive.function.client.ExchangeStrategies;
import org.springframework.web.reactive.function.client.WebClient;

import com.gonitro.spring.NitroClient;
import com.gonitro.spring.client.NitroJson;
import com.gonitro.spring.oauth.NitroAccessTokenCache;
import com.gonitro.spring.pdf.NitroPdfClient;
import com.gonitro.spring.pdf.ReactiveNitroPdfClient;
import com.gonitro.spring.sign.NitroSignClient;
import com.gonitro.spring.sign.ReactiveNitroSignClient;

/**
 * The starter's clients, built with the library's builder as an application without Boot would, with an
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
		// The recorder wraps the exchange itself, so that it sits inside the Nitro filter; an exchange function
		// carries its own codecs, so it gets the typed clients' JSON settings here.
		ExchangeFunction recorded = ExchangeFunctions
			.create(new ReactorClientHttpConnector(), ExchangeStrategies.builder().codecs(NitroJson::configure).build())
			.filter(this.recorder);
		NitroClient clients = NitroClient.builder()
			.credentials(standIn.clientId(), standIn.clientSecret())
			.tokenUri(standIn.tokenUri())
			.baseUrl(standIn.baseUrl())
			.webClientBuilder(WebClient.builder().exchangeFunction(recorded))
			.build();
		this.tokens = clients.tokenCache();
		this.webClient = clients.webClient();
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
