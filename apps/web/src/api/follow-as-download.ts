/**
 * Hands a link to the browser's download manager, which streams it to disk with its own progress
 * and never holds it in this page's memory, however large. The link must need no bearer header
 * (the services' single-use links are their own credential). An empty `download` attribute keeps
 * the file name the service gives.
 */
export function followAsDownload(href: string): void {
  const link = document.createElement('a');
  link.href = href;
  link.download = '';
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
}
