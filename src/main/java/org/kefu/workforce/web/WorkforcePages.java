package org.kefu.workforce.web;

import java.io.IOException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.kefu.platform.SvgChart;
import org.kefu.platform.SvgChart.Series;
import org.kefu.shared.Actor;
import org.kefu.shared.InvalidInputException;
import org.kefu.workforce.ContactHistory;
import org.kefu.workforce.ContactHistory.Imported;
import org.kefu.workforce.Forecasts;
import org.kefu.workforce.Forecasts.DayView;
import org.kefu.workforce.Forecasts.ForecastView;
import org.kefu.workforce.Forecasts.IntervalStaffing;
import org.kefu.workforce.Forecasts.IntervalView;
import org.kefu.workforce.Forecasts.Targets;
import org.kefu.workforce.KnownEvents;
import org.kefu.workforce.Staffing;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The planner's pages: history, known events, forecasts with their charts, staffing, the Erlang calculator. */
@Controller
class WorkforcePages {

	private final ContactHistory history;
	private final KnownEvents events;
	private final Forecasts forecasts;
	private final MessageSource messages;

	WorkforcePages(ContactHistory history, KnownEvents events, Forecasts forecasts, MessageSource messages) {
		this.history = history;
		this.events = events;
		this.forecasts = forecasts;
		this.messages = messages;
	}

	@GetMapping("/workforce")
	String hub(@RequestParam(required = false) Double contacts, @RequestParam(defaultValue = "1800") int intervalSeconds,
			@RequestParam(defaultValue = "180") double handleSeconds, @RequestParam(defaultValue = "20") double targetAnswerSeconds,
			@RequestParam(defaultValue = "80") double targetPercent, @RequestParam(defaultValue = "30") double shrinkagePercent,
			@RequestParam(required = false) Double patienceSeconds, @RequestParam(defaultValue = "1") int concurrency,
			Model model) {
		model.addAttribute("queues", history.queues());
		model.addAttribute("events", events.all());
		model.addAttribute("kinds", KnownEvents.KINDS);
		model.addAttribute("forecasts", forecasts.all());
		model.addAttribute("nextMonday", LocalDate.now(history.zone()).with(java.time.temporal.TemporalAdjusters.next(java.time.DayOfWeek.MONDAY)));
		model.addAttribute("erlang", new Object[] { contacts, intervalSeconds, handleSeconds, targetAnswerSeconds,
				targetPercent, shrinkagePercent, patienceSeconds, concurrency });
		if (contacts != null) {
			model.addAttribute("staffed", Staffing.staff(new Staffing.Demand(contacts, intervalSeconds, handleSeconds,
					targetAnswerSeconds, targetPercent / 100, shrinkagePercent / 100, patienceSeconds, 1, concurrency)));
		}
		return "workforce/hub";
	}

	@PostMapping("/workforce/history")
	String importHistory(@RequestParam String queue, @RequestParam("file") MultipartFile file,
			RedirectAttributes redirect) throws IOException {
		if (file.isEmpty()) {
			throw new InvalidInputException("workforce.import-empty");
		}
		Imported imported = history.importCsv(queue, file.getInputStream());
		redirect.addFlashAttribute("notice", "workforce.imported");
		redirect.addFlashAttribute("noticeArgs", new Object[] { imported.rows(), imported.intervals(), imported.queue(),
				imported.from().toString(), imported.to().toString() });
		return "redirect:/workforce";
	}

	@PostMapping("/workforce/events")
	String addEvent(@RequestParam String name, @RequestParam String kind,
			@RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate startsOn,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate endsOn,
			@RequestParam(required = false) String queue, @RequestParam(required = false) Double percent,
			RedirectAttributes redirect) {
		events.add(name, kind, startsOn, endsOn, queue, percent == null ? null : percent / 100);
		redirect.addFlashAttribute("notice", "action.saved");
		return "redirect:/workforce#events";
	}

	@PostMapping("/workforce/events/{id}/delete")
	String removeEvent(@PathVariable long id, RedirectAttributes redirect) {
		events.remove(id);
		redirect.addFlashAttribute("notice", "action.saved");
		return "redirect:/workforce#events";
	}

	@PostMapping("/workforce/forecasts")
	String createForecast(@RequestParam String queue,
			@RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate startsOn,
			@RequestParam(defaultValue = "7") int days, @RequestParam(required = false) Double handleSeconds, Actor actor) {
		long id = forecasts.create(queue, startsOn, days, handleSeconds, actor);
		return "redirect:/workforce/forecasts/" + id;
	}

	@PostMapping("/workforce/forecasts/{id}/delete")
	String deleteForecast(@PathVariable long id, RedirectAttributes redirect) {
		forecasts.delete(id);
		redirect.addFlashAttribute("notice", "action.saved");
		return "redirect:/workforce";
	}

	@GetMapping("/workforce/forecasts/{id}")
	String forecast(@PathVariable long id,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate day,
			@RequestParam(defaultValue = "20") double targetAnswerSeconds, @RequestParam(defaultValue = "80") double targetPercent,
			@RequestParam(defaultValue = "30") double shrinkagePercent, @RequestParam(required = false) Double patienceSeconds,
			@RequestParam(defaultValue = "1") int concurrency, Model model) {
		ForecastView view = forecasts.get(id);
		LocalDate shown = day == null || day.isBefore(view.startsOn()) || !day.isBefore(view.startsOn().plusDays(view.days()))
				? view.startsOn() : day;
		Locale locale = LocaleContextHolder.getLocale();
		ZoneId zone = ZoneId.of(view.timeZone());
		List<String> dayLabels = new ArrayList<>();
		double[] dayForecast = new double[view.daily().size()];
		double[] dayActual = new double[view.daily().size()];
		double[] dayBaseline = new double[view.daily().size()];
		for (int i = 0; i < view.daily().size(); i++) {
			DayView d = view.daily().get(i);
			dayLabels.add(view.daily().size() <= 14 || i % 7 == 0 ? d.date().getMonthValue() + "/" + d.date().getDayOfMonth() : "");
			dayForecast[i] = d.forecast();
			dayActual[i] = d.actual() == null ? Double.NaN : d.actual();
			dayBaseline[i] = d.baseline() == null ? Double.NaN : d.baseline();
		}
		model.addAttribute("dailyChart", SvgChart.render(msg("workforce.chart.daily", locale), dayLabels,
				List.of(new Series(msg("workforce.forecast", locale), dayForecast, true, "#1f6feb"),
						new Series(msg("workforce.actual", locale), dayActual, false, "#d9480f"),
						new Series(msg("workforce.baseline", locale), dayBaseline, false, "#868e96")),
				900, 260));
		Targets targets = new Targets(targetAnswerSeconds, targetPercent / 100, shrinkagePercent / 100, patienceSeconds, 1,
				concurrency);
		List<IntervalStaffing> staffing = forecasts.staffing(id, targets).stream()
			.filter(s -> s.start().atZone(zone).toLocalDate().equals(shown)).toList();
		List<IntervalView> intervals = view.intervals().stream()
			.filter(s -> s.start().atZone(zone).toLocalDate().equals(shown)).toList();
		List<String> slotLabels = new ArrayList<>();
		double[] slotForecast = new double[intervals.size()];
		double[] slotActual = new double[intervals.size()];
		double[] required = new double[staffing.size()];
		double[] scheduled = new double[staffing.size()];
		for (int i = 0; i < intervals.size(); i++) {
			ZonedDateTime at = intervals.get(i).start().atZone(zone);
			slotLabels.add(at.getMinute() == 0 && at.getHour() % 3 == 0 ? at.getHour() + ":00" : "");
			slotForecast[i] = intervals.get(i).forecast();
			slotActual[i] = intervals.get(i).actual() == null ? Double.NaN : intervals.get(i).actual();
		}
		for (int i = 0; i < staffing.size(); i++) {
			required[i] = staffing.get(i).agents();
			scheduled[i] = staffing.get(i).scheduledAgents();
		}
		model.addAttribute("intradayChart", SvgChart.render(msg("workforce.chart.intraday", locale), slotLabels,
				List.of(new Series(msg("workforce.forecast", locale), slotForecast, true, "#1f6feb"),
						new Series(msg("workforce.actual", locale), slotActual, false, "#d9480f")),
				900, 240));
		model.addAttribute("staffingChart", SvgChart.render(msg("workforce.chart.staffing", locale), slotLabels,
				List.of(new Series(msg("workforce.agents-required", locale), required, true, "#2b8a3e"),
						new Series(msg("workforce.agents-scheduled", locale), scheduled, false, "#862e9c")),
				900, 240));
		model.addAttribute("forecast", view);
		model.addAttribute("shown", shown);
		model.addAttribute("staffing", staffing);
		model.addAttribute("zone", zone);
		model.addAttribute("targets", new Object[] { targetAnswerSeconds, targetPercent, shrinkagePercent, patienceSeconds,
				concurrency });
		return "workforce/forecast";
	}

	private String msg(String code, Locale locale) {
		return messages.getMessage(code, null, code, locale);
	}
}
