package org.kefu.notification;

import java.util.List;

/**
 * Notices were written for these people, in the writer's transaction: for anything that tells
 * them elsewhere too (mail).
 *
 * @param anyHour whether it may reach them outside their working hours (an escalation set to run
 *                at night); otherwise it waits for their next working moment
 */
public record Noticed(List<Long> users, String kind, List<String> args, String link, boolean anyHour) {
}
