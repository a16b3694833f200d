package org.kefu.identity.web;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.kefu.identity.NewUser;
import org.kefu.identity.Roles;
import org.kefu.identity.Skills;
import org.kefu.identity.Teams;
import org.kefu.identity.UserEdit;
import org.kefu.identity.UserId;
import org.kefu.identity.UserProfile;
import org.kefu.identity.Users;
import org.kefu.platform.Locales;
import org.kefu.platform.Messages;
import org.kefu.shared.Actor;
import org.kefu.shared.KefuException;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Administration of users: who works here, their roles, teams and skills. Needs {@code user.manage}. */
@Controller
@RequestMapping("/admin/users")
class UserAdminPages {

	private final Users users;
	private final Roles roles;
	private final Teams teams;
	private final Messages messages;
	private final Skills skills;

	UserAdminPages(Users users, Roles roles, Teams teams, Messages messages, Skills skills) {
		this.skills = skills;
		this.users = users;
		this.roles = roles;
		this.teams = teams;
		this.messages = messages;
	}

	/** The user form as submitted; lists are empty when nothing is ticked. */
	record UserForm(String username, String displayName, String email, String phone, String password,
			List<String> roles, List<Long> teams) {

		UserForm {
			roles = roles == null ? List.of() : roles;
			teams = teams == null ? List.of() : teams;
		}
	}

	@GetMapping
	String list(Locale locale, Model model) {
		model.addAttribute("users", users.list(locale));
		return "identity/users";
	}

	@GetMapping("/new")
	String newUser(Locale locale, Model model) {
		return form(model, locale, new UserForm(null, null, null, null, null, List.of("agent"), List.of()), null);
	}

	@PostMapping
	String create(UserForm form, Actor actor, Locale locale, Model model, RedirectAttributes redirect) {
		try {
			UserId id = users.create(new NewUser(form.username(), form.displayName(), form.email(), form.phone(),
					form.password(), new HashSet<>(form.roles()), new HashSet<>(form.teams()), null), actor);
			redirect.addFlashAttribute("notice", "user.created");
			return "redirect:/admin/users/" + id.value();
		}
		catch (KefuException e) {
			return form(model, locale, form, messages.text(e));
		}
	}

	@GetMapping("/{id}")
	String edit(@PathVariable long id, Locale locale, Model model) {
		UserProfile profile = users.profile(new UserId(id), locale);
		model.addAttribute("profile", profile);
		model.addAttribute("skills", skills.all(locale));
		Map<Long, Integer> levels = new HashMap<>();
		profile.skills().forEach(s -> levels.put(s.skillId(), s.level()));
		model.addAttribute("levels", levels);
		return form(model, locale, new UserForm(profile.username(), profile.displayName(), profile.email(),
				profile.phone(), null, List.copyOf(profile.roles()),
				profile.teams().stream().map(t -> t.id().value()).toList()), null);
	}

	@PostMapping("/{id}")
	String update(@PathVariable long id, UserForm form, Actor actor, RedirectAttributes redirect) {
		users.update(new UserId(id), new UserEdit(form.displayName(), form.email(), form.phone(),
				new HashSet<>(form.roles()), new HashSet<>(form.teams())), actor);
		redirect.addFlashAttribute("notice", "action.saved");
		return "redirect:/admin/users/" + id;
	}

	@PostMapping("/{id}/enabled")
	String enable(@PathVariable long id, @RequestParam boolean enabled, Actor actor, RedirectAttributes redirect) {
		users.setEnabled(new UserId(id), enabled, actor);
		redirect.addFlashAttribute("notice", enabled ? "user.enabled-now" : "user.disabled-now");
		return "redirect:/admin/users/" + id;
	}

	@PostMapping("/{id}/password")
	String resetPassword(@PathVariable long id, @RequestParam String password, Actor actor,
			RedirectAttributes redirect) {
		users.resetPassword(new UserId(id), password, actor);
		redirect.addFlashAttribute("notice", "user.password-reset");
		return "redirect:/admin/users/" + id;
	}

	@PostMapping("/{id}/skills")
	String skills(@PathVariable long id, @RequestParam Map<String, String> params, Actor actor,
			RedirectAttributes redirect) {
		Map<Long, Integer> levels = new HashMap<>();
		params.forEach((key, value) -> {
			if (key.startsWith("skill-") && !value.isBlank()) {
				levels.put(Long.parseLong(key.substring(6)), Integer.parseInt(value));
			}
		});
		skills.set(new UserId(id), levels, actor);
		redirect.addFlashAttribute("notice", "action.saved");
		return "redirect:/admin/users/" + id + "#skills";
	}

	private String form(Model model, Locale locale, UserForm form, String error) {
		model.addAttribute("form", form);
		model.addAttribute("allRoles", roles.all(locale));
		model.addAttribute("allTeams", teams.all());
		model.addAttribute("formError", error);
		model.addAttribute("chinese", Locales.CHINESE.equals(locale));
		return "identity/user";
	}
}
