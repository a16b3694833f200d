package org.kefu.onboarding;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.kefu.account.AccountId;

/**
 * An onboarding checklist as it stands.
 *
 * @param steps the four steps before hand-over, each done or not, in order
 */
public record OnboardingView(long id, AccountId account, String accountName, Long businessLine, String title,
		boolean keyAccount, int followUpMonths, String status, Instant openedAt, LocalDate launchOn,
		Instant noticeSentAt, String requirements, Instant requirementsAt, LocalDate trainingOn, Integer trainingScore,
		String trainees, List<Note> notes, Instant handedOverAt, String handedOverBy, String handedOverTo,
		String handOverNote, List<Step> steps) {

	/** A dated follow-up note. */
	public record Note(long id, LocalDate on, String text, String by) {
	}

	/**
	 * A step of the checklist.
	 *
	 * @param code {@code launch_notice}, {@code requirements}, {@code training} or {@code follow_up}
	 * @param detail what is missing, as a message code, or {@code null} when done
	 */
	public record Step(String code, boolean done, String detail, List<Object> args) {
	}

	public long stepsDone() {
		return steps.stream().filter(Step::done).count();
	}

	public boolean readyToHandOver() {
		return status.equals("open") && steps.stream().allMatch(Step::done);
	}

	public List<String> missing() {
		return steps.stream().filter(s -> !s.done()).map(Step::code).toList();
	}
}
