package org.kefu.segment.web;

import java.math.BigDecimal;
import java.util.List;

import org.kefu.customer.CustomerFilter;
import org.kefu.identity.CurrentUser;
import org.kefu.identity.Permission;
import org.kefu.segment.Segments;
import org.kefu.segment.TagRules;
import org.kefu.shared.Actor;
import org.kefu.shared.InvalidInputException;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

/** The segments page and the administrator's tag rules. */
@Controller
class SegmentPages {

	private final Segments segments;
	private final TagRules rules;

	SegmentPages(Segments segments, TagRules rules) {
		this.segments = segments;
		this.rules = rules;
	}

	@GetMapping("/segments")
	String list(@AuthenticationPrincipal CurrentUser me, Model model) {
		model.addAttribute("segments", segments.all());
		model.addAttribute("rules", rules.all());
		model.addAttribute("canManage", me.can(Permission.SEGMENT_MANAGE));
		return "segment/segments";
	}

	@GetMapping("/segments/{id}")
	String open(@PathVariable long id) {
		CustomerFilter filter = segments.get(id).filter();
		UriComponentsBuilder link = UriComponentsBuilder.fromPath("/customers");
		if (filter.query() != null) {
			link.queryParam("q", filter.query());
		}
		filter.tags().forEach(t -> link.queryParam("tag", t));
		filter.withoutTags().forEach(t -> link.queryParam("without", t));
		return "redirect:" + link.encode().build().toUriString();
	}

	@PostMapping("/segments")
	@PreAuthorize("hasAuthority('segment.manage')")
	String save(@RequestParam String name, @RequestParam(required = false) String q,
			@RequestParam(name = "tag", required = false) List<String> tags,
			@RequestParam(name = "without", required = false) List<String> without, Actor actor,
			RedirectAttributes redirect) {
		segments.save(name, CustomerFilter.of(q, tags, without), actor);
		redirect.addFlashAttribute("notice", "segment.saved");
		return "redirect:/segments";
	}

	@PostMapping("/segments/{id}/delete")
	@PreAuthorize("hasAuthority('segment.manage')")
	String delete(@PathVariable long id, RedirectAttributes redirect) {
		segments.delete(id);
		redirect.addFlashAttribute("notice", "action.saved");
		return "redirect:/segments";
	}

	@PostMapping("/segments/rules")
	@PreAuthorize("hasAuthority('segment.manage')")
	String createRule(@RequestParam String tag, @RequestParam String nameZh, @RequestParam String nameEn,
			@RequestParam String kind, @RequestParam(name = "businessType", required = false) List<String> types,
			@RequestParam(required = false) Integer days, @RequestParam(required = false) Integer atLeast,
			@RequestParam(required = false) String percentAbove, Actor actor, RedirectAttributes redirect) {
		BigDecimal percent = null;
		if (percentAbove != null && !percentAbove.isBlank()) {
			try {
				percent = new BigDecimal(percentAbove.strip());
			}
			catch (NumberFormatException e) {
				throw new InvalidInputException("segment.rule-invalid");
			}
		}
		long id = rules.create(new TagRules.NewRule(tag, nameZh, nameEn, kind, types, days, atLeast, percent), actor);
		TagRules.Run run = rules.run(id, actor);
		redirect.addFlashAttribute("notice", "segment.rule-ran");
		redirect.addFlashAttribute("noticeArgs", new Object[] { run.tag(), run.matching(), run.gained(), run.lost() });
		return "redirect:/segments";
	}

	@PostMapping("/segments/rules/{id}/run")
	@PreAuthorize("hasAuthority('segment.manage')")
	String run(@PathVariable long id, Actor actor, RedirectAttributes redirect) {
		TagRules.Run run = rules.run(id, actor);
		redirect.addFlashAttribute("notice", "segment.rule-ran");
		redirect.addFlashAttribute("noticeArgs", new Object[] { run.tag(), run.matching(), run.gained(), run.lost() });
		return "redirect:/segments";
	}

	@PostMapping("/segments/rules/{id}/active")
	@PreAuthorize("hasAuthority('segment.manage')")
	String active(@PathVariable long id, @RequestParam boolean active, RedirectAttributes redirect) {
		rules.setActive(id, active);
		redirect.addFlashAttribute("notice", "action.saved");
		return "redirect:/segments";
	}
}
