/**
 * The wallboard (服务指挥中心, R-WFM-5): a live screen per center or team — contacts waiting per
 * channel and the longest wait, agents by state, service level and abandonment so far today,
 * forecast against actual — large enough to read across a room, updating without reload.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Wallboard")
package org.kefu.wallboard;
