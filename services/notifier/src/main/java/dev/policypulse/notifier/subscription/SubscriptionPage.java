package dev.policypulse.notifier.subscription;

import java.util.List;

/**
 * One page of {@code GET /api/v1/subscriptions}.
 *
 * @param items the subscriptions on this page, oldest first
 * @param page this page's number, from 0
 * @param size the most subscriptions a page holds
 * @param totalItems subscriptions on all pages
 * @param totalPages pages in all
 */
record SubscriptionPage(List<SubscriptionResponse> items, int page, int size, long totalItems, long totalPages) {
}
