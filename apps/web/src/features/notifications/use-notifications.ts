import { useCallback, useEffect, useState } from 'react';
import { ApiError } from '../../api/api-error.ts';
import { api, apiFetch } from '../../api/http.ts';
import { readSseEvents } from '../../api/sse.ts';
import type { AppNotification } from './notification-types.ts';

const BASE = '/api/access/notifications';

/**
 * The signed-in user's notifications: the list and unread count from the server, kept live by the
 * notifications stream (read with fetch, which can send the bearer header EventSource cannot);
 * a dropped stream reconnects after a pause and reloads the list, so nothing missed stays missing.
 */
export function useNotifications() {
  const [items, setItems] = useState<AppNotification[]>([]);
  const [unreadCount, setUnreadCount] = useState(0);
  const [error, setError] = useState<unknown>(null);

  const reload = useCallback(async () => {
    try {
      const list = await api<{ unreadCount: number; items: AppNotification[] }>(`${BASE}?limit=50`);
      setItems(list.items);
      setUnreadCount(list.unreadCount);
      setError(null);
    } catch (e) {
      setError(e);
    }
  }, []);

  useEffect(() => {
    const controller = new AbortController();
    let retry: ReturnType<typeof setTimeout> | null = null;
    const follow = async () => {
      try {
        const response = await apiFetch(`${BASE}/stream`, { signal: controller.signal, headers: { accept: 'text/event-stream' } });
        if (!response.ok || !response.body) throw await ApiError.from(response);
        // the list as of now, before the events that arrived meanwhile are applied on top of it
        await reload();
        for await (const event of readSseEvents(response.body)) {
          if (event.event === 'unread') setUnreadCount((JSON.parse(event.data) as { unreadCount: number }).unreadCount);
          if (event.event !== 'notification') continue;
          const { notification, unreadCount: count } = JSON.parse(event.data) as { notification: AppNotification; unreadCount: number };
          setItems((list) => [notification, ...list.filter((n) => n.id !== notification.id)]);
          setUnreadCount(count);
        }
      } catch (e) {
        if (controller.signal.aborted) return;
        if (e instanceof ApiError && (e.status === 401 || e.status === 403)) return setError(e);
      }
      if (controller.signal.aborted) return;
      retry = setTimeout(() => void follow(), 3000);
    };
    void follow();
    return () => {
      controller.abort();
      if (retry) clearTimeout(retry);
    };
  }, [reload]);

  const markRead = async (id: string) => {
    const answer = await api<{ unreadCount: number }>(`${BASE}/${id}/read`, { method: 'POST' });
    setItems((list) => list.map((n) => (n.id === id ? { ...n, read: true } : n)));
    setUnreadCount(answer.unreadCount);
  };
  const markAllRead = async () => {
    await api(`${BASE}/read-all`, { method: 'POST' });
    setItems((list) => list.map((n) => ({ ...n, read: true })));
    setUnreadCount(0);
  };
  return { items, unreadCount, error, markRead, markAllRead };
}
