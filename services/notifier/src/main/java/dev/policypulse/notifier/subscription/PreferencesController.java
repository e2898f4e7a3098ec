package dev.policypulse.notifier.subscription;

import java.util.Comparator;
import java.util.List;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.view.RedirectView;

/**
 * The preference page that every email links to: what the subscriber follows, a form to
 * change it, and buttons to pause, resume or unsubscribe. There is no login; the link's
 * signed token (its own kind, see {@link SubscriptionLinks#preferencesUrl}) is the only
 * credential.
 * <p>
 * Showing the page ({@code GET}) never changes anything, since mail providers' scanners
 * fetch links too. Every change is a {@code POST} of a form that carries the token in a
 * hidden field, so that another site cannot forge the request without knowing the token:
 * there is no cookie or session a cross-site request could ride on. After a change the
 * browser is sent back to the page ({@code 303 See Other}), so that reloading it repeats
 * nothing. Forms post to a relative URL, which works behind a proxy that serves this
 * service under a path prefix.
 */
@Controller
class PreferencesController {

	private final SubscriptionService service;

	private final Validator validator;

	PreferencesController(SubscriptionService service, Validator validator) {
		this.service = service;
		this.validator = validator;
	}

	@GetMapping(SubscriptionLinks.PREFERENCES_PATH)
	ModelAndView page(@RequestParam String token, @RequestParam(required = false) String done, Model model,
			HttpServletResponse response) {
		Subscription subscription = this.service.checkPreferences(token);
		return show(model, response, token, subscription, PreferencesForm.of(subscription.preferences()), List.of(),
				done);
	}

	/**
	 * Acts on one of the page's forms: {@code action} is {@code save}, {@code pause},
	 * {@code resume} or {@code unsubscribe}.
	 */
	@PostMapping(SubscriptionLinks.PREFERENCES_PATH)
	ModelAndView act(@RequestParam String token, @RequestParam String action,
			@RequestParam MultiValueMap<String, String> posted, Model model, HttpServletResponse response) {
		Subscription subscription = this.service.checkPreferences(token);
		if (subscription.status() == SubscriptionStatus.UNSUBSCRIBED) {
			return show(model, response, token, subscription, PreferencesForm.of(subscription.preferences()), List.of(),
					null);
		}
		try {
			switch (action) {
				case "save" -> {
					PreferencesForm form = PreferencesForm.of(posted);
					PreferencesRequest request = form.toRequest(subscription.preferences().paused());
					List<String> errors = errors(request);
					if (!errors.isEmpty()) {
						response.setStatus(HttpStatus.BAD_REQUEST.value());
						return show(model, response, token, subscription, form, errors, null);
					}
					this.service.updatePreferences(token, request.toPreferences());
					return backToPage(response, token, "saved");
				}
				case "pause" -> {
					this.service.pause(token, true);
					return backToPage(response, token, "paused");
				}
				case "resume" -> {
					this.service.pause(token, false);
					return backToPage(response, token, "resumed");
				}
				case "unsubscribe" -> {
					this.service.unsubscribeWithPreferencesLink(token);
					return backToPage(response, token, null);
				}
				default -> throw new InvalidLinkException("This form asks for something the page does not offer.");
			}
		}
		catch (SubscriptionConflictException ex) {
			response.setStatus(HttpStatus.CONFLICT.value());
			return show(model, response, token, this.service.checkPreferences(token), PreferencesForm.of(posted),
					List.of(ex.getMessage()), null);
		}
	}

	private ModelAndView show(Model model, HttpServletResponse response, String token, Subscription subscription,
			PreferencesForm form, List<String> errors, String notice) {
		addPageHeaders(response);
		PreferencesPage.fill(model, token, subscription, form, errors, notice);
		return new ModelAndView((subscription.status() == SubscriptionStatus.UNSUBSCRIBED)
				? PreferencesPage.CANCELLED_VIEW : PreferencesPage.VIEW, model.asMap());
	}

	private List<String> errors(PreferencesRequest request) {
		return this.validator.validate(request)
			.stream()
			.sorted(Comparator.comparing((ConstraintViolation<?> violation) -> violation.getPropertyPath().toString()))
			.map((violation) -> label(violation.getPropertyPath().toString()) + ": " + violation.getMessage())
			.toList();
	}

	/** {@code keywords[1].<list element>} → {@code Keywords}. */
	private static String label(String path) {
		String field = path.replaceAll("[\\[.].*$", "");
		return switch (field) {
			case "followingSomething" -> "What you follow";
			case "jurisdictions" -> "Jurisdictions";
			case "topics" -> "Kinds of move";
			case "minSeverity" -> "Least severity";
			case "keywords" -> "Keywords";
			case "delivery" -> "Delivery";
			case "timezone" -> "Time zone";
			case "digestHour" -> "Digest hour";
			default -> field;
		};
	}

	/**
	 * {@code 303} to the page, relative to the form's URL; the notice says what was done.
	 */
	private static ModelAndView backToPage(HttpServletResponse response, String token, String done) {
		addPageHeaders(response);
		RedirectView redirect = new RedirectView(
				"preferences?token=" + token + ((done != null) ? "&done=" + done : ""));
		redirect.setStatusCode(HttpStatus.SEE_OTHER);
		redirect.setHttp10Compatible(false);
		redirect.setExposeModelAttributes(false);
		return new ModelAndView(redirect);
	}

	private static void addPageHeaders(HttpServletResponse response) {
		PageHeaders.forPages().forEach((name, values) -> values.forEach((value) -> response.setHeader(name, value)));
	}

}
