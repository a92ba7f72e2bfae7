import { BrowserRouter, Route, Routes } from 'react-router-dom';
import { HomePage } from './features/home/HomePage.js';
import { MeetingPage } from './features/meeting/MeetingPage.js';

/** Routes and the page frame: a banner, then one main landmark per page. */
export function App() {
  return (
    <BrowserRouter>
      <header className="banner">
        <a href="/" className="brand">
          Kenes
        </a>
      </header>
      <main>
        <Routes>
          <Route path="/" element={<HomePage />} />
          <Route path="/meetings/:id" element={<MeetingPage />} />
          <Route path="*" element={<p>Page not found.</p>} />
        </Routes>
      </main>
    </BrowserRouter>
  );
}
