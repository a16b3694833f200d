/**
 * The audit log (操作日志): who did what to which record, when and from where, written in the same
 * transaction as the change and never altered afterwards. It listens to every module's audited
 * events; no module depends on it.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Audit")
package org.kefu.audit;
