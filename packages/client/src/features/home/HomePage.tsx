import { useId, useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router-dom';

/** The path of a meeting's page. */
export function meetingPath(meetingId: string): string {
  return `/meetings/${encodeURIComponent(meetingId)}`;
}

/**
 * Route `/`: open a meeting by its id. Meetings lists and sign-in arrive with
 * accounts; until then an id is all it takes.
 */
export function HomePage() {
  const [meetingId, setMeetingId] = useState('');
  const navigate = useNavigate();
  const inputId = useId();

  const open = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const id = meetingId.trim();
    if (id !== '') void navigate(meetingPath(id));
  };

  return (
    <section aria-labelledby="home-title">
      <h1 id="home-title">Open a meeting</h1>
      <form onSubmit={open}>
        <label htmlFor={inputId}>Meeting id</label>
        <input
          id={inputId}
          name="meetingId"
          value={meetingId}
          onChange={(e) => setMeetingId(e.target.value)}
          autoComplete="off"
          required
        />
        <button type="submit">Open</button>
      </form>
    </section>
  );
}
