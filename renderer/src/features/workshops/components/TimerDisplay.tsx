// The shared timer as every laptop shows it: minutes and seconds left by this laptop's estimate
// of the writer's clock, a visible "Time's up", and a short chime through WebAudio when it ends.
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TimerState } from '../../../../../shared/model/workshops/timer';
import { useWorkshopActions } from '../actions';

export function formatRemaining(ms: number): string {
  const seconds = Math.ceil(ms / 1000);
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

let audio: AudioContext | null = null;

/** Creates (or wakes) the audio context inside a user gesture, so the end chime may play later. */
export function primeChime(): void {
  try {
    audio ??= new AudioContext();
    if (audio.state === 'suspended') void audio.resume();
  } catch {
    audio = null;
  }
}

function chime(): void {
  if (!audio) return;
  const start = audio.currentTime;
  for (const [i, freq] of [880, 660].entries()) {
    const osc = audio.createOscillator();
    const gain = audio.createGain();
    osc.frequency.value = freq;
    gain.gain.setValueAtTime(0.0001, start + i * 0.25);
    gain.gain.exponentialRampToValueAtTime(0.2, start + i * 0.25 + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, start + i * 0.25 + 0.22);
    osc.connect(gain).connect(audio.destination);
    osc.start(start + i * 0.25);
    osc.stop(start + i * 0.25 + 0.25);
  }
}

/** Remaining time of `timer`, re-read four times a second while it runs. */
export function useRemaining(timer: TimerState | null): number {
  const actions = useWorkshopActions();
  const [, setTick] = useState(0);
  useEffect(() => {
    if (timer?.status !== 'running') return;
    const interval = setInterval(() => setTick((n) => n + 1), 250);
    return () => clearInterval(interval);
  }, [timer]);
  return actions.remaining(timer);
}

export function TimerDisplay({ timer, label }: { timer: TimerState | null; label: string }) {
  const { t } = useTranslation();
  const remaining = useRemaining(timer);
  const chimedFor = useRef<string | null>(null);
  const ended = timer !== null && timer.status === 'running' && remaining <= 0;
  useEffect(() => {
    if (!ended || !timer || chimedFor.current === timer.id) return;
    chimedFor.current = timer.id;
    chime();
  }, [ended, timer]);
  if (!timer) return null;
  return (
    <div className={`workshop-timer${ended ? ' ended' : ''}`} role="timer" aria-label={label}>
      <span className="timer-label">{label}</span>
      <strong className="timer-value">{ended ? t('workshops.timeUp') : formatRemaining(remaining)}</strong>
      {timer.status === 'paused' && <span className="muted small">{t('workshops.paused')}</span>}
    </div>
  );
}
