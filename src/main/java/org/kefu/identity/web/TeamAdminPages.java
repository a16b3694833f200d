package org.kefu.identity.web;

import java.util.HashSet;
import java.util.List;

import org.kefu.identity.ServiceStage;
import org.kefu.identity.TeamId;
import org.kefu.identity.Teams;
import org.kefu.identity.Users;
import org.kefu.shared.Actor;
import org.kefu.shared.NotFoundException;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Administration of teams (班组) by service stage, their sub-groups and members. Needs {@code team.manage}. */
@Controller
@RequestMapping("/admin/teams")
class TeamAdminPages {

	private final Teams teams;
	private final Users users;

	TeamAdminPages(Teams teams, Users users) {
		this.teams = teams;
		this.users = users;
	}

	@GetMapping
	String list(Model model) {
		model.addAttribute("teams", teams.overview());
		model.addAttribute("stages", ServiceStage.values());
		return "identity/teams";
	}

	@PostMapping
	String create(@RequestParam String name, @RequestParam ServiceStage stage,
			@RequestParam(required = false) Long parent, @RequestParam(required = false) String description,
			Actor actor, RedirectAttributes redirect) {
		TeamId id = teams.create(name, stage, TeamId.of(parent), description, actor);
		redirect.addFlashAttribute("notice", "team.created");
		return "redirect:/admin/teams/" + id.value();
	}

	@GetMapping("/{id}")
	String edit(@PathVariable long id, Model model) {
		Teams.TeamView team = teams.overview().stream().filter(t -> t.team().id().value() == id).findFirst()
			.orElseThrow(() -> new NotFoundException("identity.team.not-found", id));
		model.addAttribute("view", team);
		model.addAttribute("memberIds", team.members().stream().map(m -> m.id().value()).toList());
		model.addAttribute("teams", teams.all().stream().filter(t -> t.id().value() != id).toList());
		model.addAttribute("stages", ServiceStage.values());
		model.addAttribute("people", users.active());
		return "identity/team";
	}

	@PostMapping("/{id}")
	String update(@PathVariable long id, @RequestParam String name, @RequestParam ServiceStage stage,
			@RequestParam(required = false) Long parent, @RequestParam(required = false) String description,
			@RequestParam(defaultValue = "false") boolean active, Actor actor, RedirectAttributes redirect) {
		teams.update(new TeamId(id), name, stage, TeamId.of(parent), description, active, actor);
		redirect.addFlashAttribute("notice", "action.saved");
		return "redirect:/admin/teams/" + id;
	}

	@PostMapping("/{id}/members")
	String members(@PathVariable long id, @RequestParam(required = false) List<Long> members,
			@RequestParam(required = false) List<Long> leads, Actor actor, RedirectAttributes redirect) {
		teams.setMembers(new TeamId(id), new HashSet<>(members == null ? List.of() : members),
				new HashSet<>(leads == null ? List.of() : leads), actor);
		redirect.addFlashAttribute("notice", "action.saved");
		return "redirect:/admin/teams/" + id;
	}
}
