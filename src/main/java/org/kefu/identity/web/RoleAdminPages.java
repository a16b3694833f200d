package org.kefu.identity.web;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.kefu.identity.Permission;
import org.kefu.identity.Roles;
import org.kefu.shared.Actor;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The permission matrix: roles across, permissions down, a tick where a role has a permission.
 * Needs {@code role.manage}.
 */
@Controller
@RequestMapping("/admin/roles")
class RoleAdminPages {

	private final Roles roles;

	RoleAdminPages(Roles roles) {
		this.roles = roles;
	}

	@GetMapping
	String matrix(Locale locale, Model model) {
		model.addAttribute("roles", roles.all(locale));
		model.addAttribute("permissions", Permission.values());
		return "identity/roles";
	}

	/** Each ticked box arrives as {@code grant=<role>:<permission>}; a role column with none ticked has none. */
	@PostMapping
	String save(@RequestParam MultiValueMap<String, String> form, Locale locale, Actor actor,
			RedirectAttributes redirect) {
		Map<String, Set<String>> grants = new HashMap<>();
		roles.all(locale).forEach(r -> grants.put(r.code(), new HashSet<>()));
		for (String grant : form.getOrDefault("grant", java.util.List.of())) {
			int colon = grant.indexOf(':');
			if (colon > 0 && grants.containsKey(grant.substring(0, colon))) {
				grants.get(grant.substring(0, colon)).add(grant.substring(colon + 1));
			}
		}
		int changed = roles.saveMatrix(grants, actor);
		redirect.addFlashAttribute("notice", "role.matrix-saved");
		redirect.addFlashAttribute("noticeArgs", new Object[] { changed });
		return "redirect:/admin/roles";
	}

	@PostMapping("/new")
	String create(@RequestParam String code, @RequestParam String nameZh, @RequestParam String nameEn, Actor actor,
			RedirectAttributes redirect) {
		roles.create(code, nameZh, nameEn, Set.of(), actor);
		redirect.addFlashAttribute("notice", "role.created");
		return "redirect:/admin/roles";
	}
}
