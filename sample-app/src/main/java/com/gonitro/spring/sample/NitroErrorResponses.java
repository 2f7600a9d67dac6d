package com.gonitro.spring.sample;

import java.time.Duration;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.multipart.MaxUploadSizeExceededException;

import com.gonitro.spring.client.NitroApiException;
import com.gonitro.spring.client.NitroException;
import com.gonitro.spring.client.NitroTimeoutException;
import com.gonitro.spring.oauth.NitroTokenException;
import com.gonitro.spring.sample.AvailableNitroClients.NitroNotConfiguredException;
import com.gonitro.spring.sample.SignatureRequestsController.NotSealedException;
import com.gonitro.spring.sign.NitroDocumentFailedException;

/**
 * Answers failures as Problem Details: the caller's mistakes as 400 naming the field, Nitro's answers as the status
 * that fits this service with Nitro's detail, and never a stack trace.
 */
@RestControllerAdvice
class NitroErrorResponses {

	private static final Log logger = LogFactory.getLog(NitroErrorResponses.class);

	@ExceptionHandler
	ResponseEntity<ProblemDetail> invalidInput(InvalidInputException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, ex.getMessage());
		problem.setTitle("Invalid " + ex.getField());
		problem.setProperty("field", ex.getField());
		return respond(problem);
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> tooLarge(MaxUploadSizeExceededException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE,
				"file is larger than Nitro accepts: at most 20 MB");
		problem.setProperty("field", "file");
		return respond(problem);
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> notSealed(NotSealedException ex) {
		return respond(ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, ex.getMessage()));
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> notConfigured(NitroNotConfiguredException ex) {
		return respond(ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, ex.getMessage()));
	}

	/**
	 * Nitro refused a request. What the caller can fix keeps Nitro's status; throttling becomes 503 with Nitro's
	 * {@code Retry-After}; Nitro refusing this service's own token, or failing, becomes 502.
	 */
	@ExceptionHandler
	ResponseEntity<ProblemDetail> nitroRefused(NitroApiException ex) {
		logger.warn(ex.getMessage());
		HttpStatus status = switch (ex.getStatus()) {
			case 400, 404, 409, 410, 413, 415, 422 -> HttpStatus.valueOf(ex.getStatus());
			case 429 -> HttpStatus.SERVICE_UNAVAILABLE;
			default -> HttpStatus.BAD_GATEWAY;
		};
		String detail = (ex.getDetail() != null) ? ex.getDetail() : (ex.getTitle() != null) ? ex.getTitle()
				: "Nitro answered " + ex.getStatus();
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setProperty("nitroStatus", ex.getStatus());
		if (ex.getType() != null) {
			problem.setProperty("nitroType", ex.getType());
		}
		if (!ex.getValidationErrors().isEmpty()) {
			problem.setProperty("nitroValidationErrors", ex.getValidationErrors());
		}
		ResponseEntity.BodyBuilder response = ResponseEntity.status(status);
		if (ex instanceof NitroApiException.TooManyRequests throttled && throttled.getRetryAfter() != null) {
			Duration retryAfter = throttled.getRetryAfter();
			response.header(HttpHeaders.RETRY_AFTER, String.valueOf(Math.max(1, retryAfter.toSeconds())));
		}
		return response.body(problem);
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> documentFailed(NitroDocumentFailedException ex) {
		logger.warn(ex.getMessage());
		return respond(ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT,
				"Nitro could not process the document: " + ex.getFailureReason()));
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> tokenRefused(NitroTokenException ex) {
		logger.error("Nitro refused this service's credentials: " + ex.getMessage());
		return respond(ProblemDetail.forStatusAndDetail(HttpStatus.BAD_GATEWAY,
				"This service could not authenticate with Nitro (" + ex.getError().getErrorCode() + ")"));
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> nitroUnavailable(NitroException ex) {
		logger.warn(ex.getMessage());
		HttpStatus status = (ex instanceof NitroTimeoutException) ? HttpStatus.GATEWAY_TIMEOUT : HttpStatus.BAD_GATEWAY;
		return respond(ProblemDetail.forStatusAndDetail(status, ex.getMessage()));
	}

	private static ResponseEntity<ProblemDetail> respond(ProblemDetail problem) {
		return ResponseEntity.status(problem.getStatus()).body(problem);
	}

}
