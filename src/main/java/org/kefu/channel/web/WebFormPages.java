package org.kefu.channel.web;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.kefu.channel.WebForms;
import org.kefu.shared.InvalidInputException;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The public web forms: no sign-in, one per business type. */
@Controller
class WebFormPages {

	private final WebForms forms;
	private final MessageSource messages;

	WebFormPages(WebForms forms, MessageSource messages) {
		this.forms = forms;
		this.messages = messages;
	}

	@GetMapping("/forms")
	String list(Model model) {
		model.addAttribute("types", forms.forms());
		return "channel/forms";
	}

	@GetMapping("/forms/{type}")
	String form(@PathVariable String type, Model model) {
		model.addAttribute("type", forms.form(type));
		model.addAttribute("fields", forms.fields(type));
		return "channel/form";
	}

	@PostMapping("/forms/{type}")
	String submit(@PathVariable String type, @RequestParam Map<String, String> form, HttpServletRequest request,
			HttpServletResponse response, Model model, RedirectAttributes redirect) {
		Map<String, String> fields = new LinkedHashMap<>();
		form.forEach((k, v) -> {
			if (k.startsWith("field.") && v != null && !v.isBlank()) {
				fields.put(k.substring(6), v);
			}
		});
		WebForms.Submitted submitted;
		try {
			submitted = forms.submit(type, new WebForms.Request(form.get("name"), form.get("email"), form.get("phone"),
					form.get("subject"), form.get("description"), fields, form.get("website")), request.getRemoteAddr());
		}
		catch (InvalidInputException e) {
			// the visitor keeps what they typed and reads what to change
			response.setStatus(400);
			model.addAttribute("values", form);
			model.addAttribute("error", messages.getMessage(e.code() + ".detail", e.args(),
					LocaleContextHolder.getLocale()));
			return form(type, model);
		}
		redirect.addFlashAttribute("number", submitted.number());
		return "redirect:/forms/" + type + "/thanks";
	}

	@GetMapping("/forms/{type}/thanks")
	String thanks(@PathVariable String type, Model model) {
		model.addAttribute("type", forms.form(type));
		return "channel/form-thanks";
	}
}
