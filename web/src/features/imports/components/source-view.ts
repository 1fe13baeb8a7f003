// Where the source text is: beside the lists (wide screens) or in a drawer opened on demand.
import { createContext, useContext } from 'react';

export type SourceView = { inline: boolean; show: () => void };

export const SourceViewContext = createContext<SourceView>({ inline: true, show: () => {} });

export function useSourceView(): SourceView {
  return useContext(SourceViewContext);
}
