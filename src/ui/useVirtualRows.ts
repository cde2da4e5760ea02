import { useEffect, useRef, useState, type RefObject } from 'react';
import { useElementSize } from '../canvas/useElementSize';

/** Rows drawn beyond each edge of the visible part, so a scroll shows rows at once. */
const OVERSCAN = 8;

/**
 * The rows of a long list to draw: those inside the scrolling element's visible part (rows of
 * `rowHeight` CSS pixels, from its top), plus OVERSCAN each side. Scroll positions are taken once
 * per frame, so a fast wheel renders the list once per frame, not once per event.
 */
export function useVirtualRows(scroller: RefObject<HTMLElement | null>, count: number, rowHeight: number, offset = 0): { first: number; last: number } {
  const { height } = useElementSize(scroller);
  const [scrollTop, setScrollTop] = useState(0);
  const frame = useRef(0);
  useEffect(() => {
    const element = scroller.current;
    if (!element) return;
    const onScroll = () => {
      if (frame.current) return;
      frame.current = requestAnimationFrame(() => {
        frame.current = 0;
        setScrollTop(element.scrollTop);
      });
    };
    element.addEventListener('scroll', onScroll, { passive: true });
    return () => {
      element.removeEventListener('scroll', onScroll);
      cancelAnimationFrame(frame.current);
      frame.current = 0;
    };
  }, [scroller]);
  const top = Math.max(0, scrollTop - offset);
  return {
    first: Math.max(0, Math.floor(top / rowHeight) - OVERSCAN),
    last: Math.min(count, Math.ceil((top + height) / rowHeight) + OVERSCAN),
  };
}
