package org.kefu.wallboard.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.kefu.identity.Teams;
import org.kefu.wallboard.Wallboard;
import org.kefu.wallboard.Wallboard.Board;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

/** The wallboard page (full screen, refreshed every 5 s) and its figures over the API. */
@Controller
@Tag(name = "Workforce", description = "History, forecasts, staffing with Erlang C and A, schedules")
class WallboardWeb {

	private final Wallboard wallboard;
	private final Teams teams;

	WallboardWeb(Wallboard wallboard, Teams teams) {
		this.wallboard = wallboard;
		this.teams = teams;
	}

	@GetMapping("/wallboard")
	String page(@RequestParam(required = false) Long team, Model model) {
		model.addAttribute("board", wallboard.board(team));
		model.addAttribute("teams", teams.all());
		return "wallboard/wallboard";
	}

	@GetMapping("/wallboard/board")
	String board(@RequestParam(required = false) Long team, Model model) {
		model.addAttribute("board", wallboard.board(team));
		return "wallboard/wallboard :: board";
	}

	@GetMapping("/api/v1/wallboard")
	@ResponseBody
	@PreAuthorize("hasAuthority('workforce.view')")
	@Operation(summary = "The wallboard now: waiting per channel, longest wait, agents by state, service level and abandonment today, forecast vs actual")
	Board api(@RequestParam(required = false) Long team) {
		return wallboard.board(team);
	}
}
