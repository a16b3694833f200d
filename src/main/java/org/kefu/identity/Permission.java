package org.kefu.identity;

import java.util.Arrays;
import java.util.Optional;

/**
 * What a role may do. An administrator grants permissions to roles in the permission matrix;
 * every page and API call checks one. The code is what is stored and what Spring Security sees
 * as the authority.
 */
public enum Permission {

	TICKET_VIEW("ticket.view", Group.TICKETS),
	TICKET_CREATE("ticket.create", Group.TICKETS),
	TICKET_REPLY("ticket.reply", Group.TICKETS),
	TICKET_EDIT("ticket.edit", Group.TICKETS),
	TICKET_ASSIGN("ticket.assign", Group.TICKETS),
	TICKET_MERGE("ticket.merge", Group.TICKETS),
	REPLY_MANAGE("reply.manage", Group.TICKETS),
	CUSTOMER_VIEW("customer.view", Group.CUSTOMERS),
	CUSTOMER_EDIT("customer.edit", Group.CUSTOMERS),
	CUSTOMER_CONTACT_DETAILS("customer.contact_details", Group.CUSTOMERS),
	CUSTOMER_MERGE("customer.merge", Group.CUSTOMERS),
	SEGMENT_MANAGE("segment.manage", Group.CUSTOMERS),
	ACCOUNT_VIEW("account.view", Group.ACCOUNTS),
	ACCOUNT_VIEW_ALL("account.view_all", Group.ACCOUNTS),
	ACCOUNT_EDIT("account.edit", Group.ACCOUNTS),
	ACCOUNT_ASSIGN("account.assign", Group.ACCOUNTS),
	ACCOUNT_EXPORT("account.export", Group.ACCOUNTS),
	ACCOUNT_GRADE("account.grade", Group.ACCOUNTS),
	ACCOUNT_CHANGE_NOTICE("account.change_notice", Group.ACCOUNTS),
	GROWTH_APPROVE("growth.approve", Group.ACCOUNTS),
	USER_MANAGE("user.manage", Group.ADMINISTRATION),
	TEAM_MANAGE("team.manage", Group.ADMINISTRATION),
	ROLE_MANAGE("role.manage", Group.ADMINISTRATION),
	BUSINESS_TYPE_MANAGE("business_type.manage", Group.ADMINISTRATION),
	AUDIT_VIEW("audit.view", Group.ADMINISTRATION),
	SLA_MANAGE("sla.manage", Group.ADMINISTRATION),
	AUTOMATION_MANAGE("automation.manage", Group.ADMINISTRATION),
	KB_EDIT("kb.edit", Group.KNOWLEDGE),
	KB_PUBLISH("kb.publish", Group.KNOWLEDGE),
	CLASSIFY_MANAGE("classify.manage", Group.KNOWLEDGE),
	WORKFORCE_PLAN("workforce.plan", Group.WORKFORCE),
	WORKFORCE_VIEW("workforce.view", Group.WORKFORCE),
	API_TOKEN("api.token", Group.INTEGRATION),
	WEBHOOK_MANAGE("webhook.manage", Group.INTEGRATION),
	INTEGRATION_MANAGE("integration.manage", Group.INTEGRATION),
	MAILBOX_MANAGE("mailbox.manage", Group.INTEGRATION);

	public enum Group {
		TICKETS, CUSTOMERS, ACCOUNTS, ADMINISTRATION, KNOWLEDGE, WORKFORCE, INTEGRATION
	}

	private final String code;
	private final Group group;

	Permission(String code, Group group) {
		this.code = code;
		this.group = group;
	}

	public String code() {
		return code;
	}

	public Group group() {
		return group;
	}

	public static Optional<Permission> ofCode(String code) {
		return Arrays.stream(values()).filter(p -> p.code.equals(code)).findFirst();
	}
}
