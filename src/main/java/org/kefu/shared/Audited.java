package org.kefu.shared;

/**
 * An event that belongs in the audit log. Modules publish such events; the audit module records
 * them in the same transaction as the change, so no change is committed without its entry.
 */
public interface Audited {

	AuditRecord auditRecord();
}
